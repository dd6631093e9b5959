terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  alias  = "east"
  region = "us-east-1"
}

variable "enabled" {
  type    = bool
  default = true
}

variable "extra_regions" {
  type    = list(string)
  default = ["us-west-2"]
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "east" {
  provider = aws.east
}

resource "aws_kms_key" "west" {
  provider = aws.west
}

resource "aws_ssmincidents_replication_set" "main" {
  count      = var.enabled ? 1 : 0
  provider   = aws.east
  depends_on = [aws_kms_key.east]

  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.arn
  }

  dynamic "regions" {
    for_each = var.extra_regions
    iterator = extra
    content {
      name        = extra.value
      kms_key_arn = aws_kms_key.west.arn
    }
  }

  tags = {
    team    = "incidents"
    "cost"  = 42
    enabled = true
  }

  timeouts {
    create = "60m"
    update = "60m"
    delete = "60m"
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags]
  }

  provisioner "local-exec" {
    command = "echo created"
  }
}
