terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "regions" {
  type = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "region" {
    for_each = var.regions
    content {
      name = region.value
    }
  }
  tags = var.tags
}
