# No version constraint: whatever the provider version, it accepts only one of the two syntaxes.
resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  region {
    name = "us-west-2"
  }
}
