provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "east" {
  description = "Incident Manager, us-east-1"
}

# Provider v6: a resource may choose its own region.
resource "aws_kms_key" "ireland" {
  region      = "eu-west-1"
  description = "Incident Manager, meant for eu-west-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.arn
  }

  regions {
    name        = "eu-west-2"
    kms_key_arn = aws_kms_key.ireland.arn
  }
}
