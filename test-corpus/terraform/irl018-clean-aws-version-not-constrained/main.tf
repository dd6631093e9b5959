terraform {
  required_providers {
    # The AWS provider is named without a version; only another provider is constrained.
    aws = {
      source = "hashicorp/aws"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = "~> 6.0"
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
