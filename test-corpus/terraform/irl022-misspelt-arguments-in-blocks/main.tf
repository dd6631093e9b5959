provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "east" {}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    region_name = "us-east-1"
    kms_key_id  = aws_kms_key.east.arn
  }

  regions {
    Name   = "us-west-2"
    status = "ACTIVE"
  }

  dynamic "regions" {
    for_each = ["eu-west-1"]
    content {
      nme = regions.value
    }
  }

  tag = {
    team = "incidents"
  }

  tags_all = {}

  timeouts {
    create  = "30m"
    destroy = "30m"
  }

  lifecycle {
    prevent_destroy = true
  }
}
