data "aws_region" "current" {}

resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = data.aws_region.current.name
  }
}
