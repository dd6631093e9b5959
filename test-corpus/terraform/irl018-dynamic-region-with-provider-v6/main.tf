terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

locals {
  incident_regions = ["us-east-1", "us-west-2"]
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "region" {
    for_each = local.incident_regions
    content {
      name = region.value
    }
  }
}
