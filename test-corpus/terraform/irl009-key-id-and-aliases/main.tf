provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "east" {
  description = "Incident Manager, us-east-1"
}

resource "aws_kms_key" "west" {
  provider    = aws.west
  description = "Incident Manager, us-west-2"
}

resource "aws_kms_alias" "west" {
  provider      = aws.west
  name          = "alias/incidents"
  target_key_id = aws_kms_key.west.key_id
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.key_id
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_alias.west.arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = "alias/incidents"
  }
}
