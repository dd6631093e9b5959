locals {
  home_region = "eu-west-1"
  regions     = { primary = "us-east-1", secondary = "us-east-2" }
}

provider "aws" {
  region = local.home_region
}
