# No provider block: the default provider takes its region from the environment.
resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
