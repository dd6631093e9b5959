resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name = "us-east-1"
  }
}
