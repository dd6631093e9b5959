locals {
  primary = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = local.primary
  }

  regions {
    name = "us-west-2"
  }

  regions {
    name = "eu-west-1"
  }

  regions {
    name = "us-east-1"
  }
}
