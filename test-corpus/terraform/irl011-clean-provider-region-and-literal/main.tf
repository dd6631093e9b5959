data "aws_region" "current" {}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = data.aws_region.current.name
  }

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
