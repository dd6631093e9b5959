resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = "us-east-1"
  }

  region {
    name = "us-west-2"
  }
}
