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

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.arn
  }

  regions {
    name = "us-west-2"
  }
}
