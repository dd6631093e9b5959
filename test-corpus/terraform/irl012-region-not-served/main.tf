provider "aws" {
  region = "eu-central-1"
}

variable "secondary_region" {
  type    = string
  default = "ap-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "eu-central-1"
  }

  regions {
    name = "eu-south-1"
  }

  regions {
    name = var.secondary_region
  }
}
