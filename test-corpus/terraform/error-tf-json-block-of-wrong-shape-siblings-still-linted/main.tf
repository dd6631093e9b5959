provider "aws" {
  region = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
}
