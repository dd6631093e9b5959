resource "aws_ssmincidents_replication_set" "main" {
  regions = []

  tags = {
    team = ["incidents"]
  }
}
