provider "aws" {
  region = "eu-west-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "eu-west-1"
  }

  regions {
    name = "eu-central-1"
  }

  tags = local.common_tags
}
