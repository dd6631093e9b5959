resource "aws_ssmincidents_replication_set" "set" {
  region {
    name = "us-east-1"
  }
}
