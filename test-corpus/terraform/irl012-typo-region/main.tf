provider "aws" {
  region = "us-east-1"
}

locals {
  standby_region = "eu-wset-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-wset-2"
  }

  regions {
    name = local.standby_region
  }
}
