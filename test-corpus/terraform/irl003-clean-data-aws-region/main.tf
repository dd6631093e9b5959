provider "aws" {
  region = "eu-west-1"
}

data "aws_region" "current" {}

locals {
  fallback_region = "eu-north-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = data.aws_region.current.name
  }

  region {
    name = local.fallback_region
  }
}
