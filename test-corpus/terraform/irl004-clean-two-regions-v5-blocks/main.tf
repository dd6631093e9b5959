provider "aws" {
  region = "us-west-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = "us-west-2"
  }

  region {
    name = "us-east-1"
  }
}
