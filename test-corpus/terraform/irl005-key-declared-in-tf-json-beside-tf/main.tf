provider "aws" {
  region = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = var.home_region
    kms_key_arn = aws_kms_key.home.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.standby.arn
  }
}
