provider "aws" {
  region = var.home_region
}

variable "home_region" {
  type = string
}

variable "standby_region" {
  type    = string
  default = "eu-north-1"
}

data "aws_region" "current" {}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = data.aws_region.current.name
  }

  regions {
    name = var.standby_region
  }

  regions {
    name = "ap-southeast-2"
  }
}
