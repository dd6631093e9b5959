# An Incident Manager replication set deployed from us-east-1, with a key per region.
# irlint finds two problems here: see the README.

provider "aws" {
  region = var.home_region
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

variable "home_region" {
  type    = string
  default = "us-east-1"
}

resource "aws_kms_key" "east" {
  description = "Incident Manager, us-east-1"
}

resource "aws_kms_key" "west" {
  provider    = aws.west
  description = "Incident Manager, us-west-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.west.arn
  }

  regions {
    name = "us-west-2"
  }

  tags = {
    team = "sre"
  }
}
