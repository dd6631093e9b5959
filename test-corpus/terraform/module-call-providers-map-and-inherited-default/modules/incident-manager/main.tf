terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.secondary]
    }
  }
}

variable "primary_key" {
  type = string
}

variable "secondary_key" {
  type = string
}

data "aws_region" "secondary" {
  provider = aws.secondary
}

resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name        = "eu-west-1"
    kms_key_arn = var.primary_key
  }
  regions {
    name        = data.aws_region.secondary.name
    kms_key_arn = var.secondary_key
  }
}
