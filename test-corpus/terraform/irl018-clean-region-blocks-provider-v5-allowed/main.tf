terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = "us-east-1"
  }

  region {
    name = "us-west-2"
  }
}
