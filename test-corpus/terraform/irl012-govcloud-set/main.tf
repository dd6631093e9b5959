provider "aws" {
  region = "us-gov-west-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-gov-west-1"
  }

  regions {
    name = "us-gov-east-1"
  }
}
