# Kept from the first rollout.
resource "aws_ssmincidents_replication_set" "legacy" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "eu-west-1"
  }
}
