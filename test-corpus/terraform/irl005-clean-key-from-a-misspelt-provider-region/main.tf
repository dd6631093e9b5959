provider "aws" {
  region = "usw2"
}

resource "aws_kms_key" "incidents" {}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name = "us-east-1"
  }
}
