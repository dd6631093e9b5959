provider "aws" {
  region = "us-east-1"
}

locals {
  ci_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }

  tags = {
    ci_access_key_id     = "AKIAIOSFODNN7EXAMPLE"
    ci_secret_access_key = local.ci_secret
  }
}
