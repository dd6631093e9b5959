resource "aws_ssmincidents_replication_set" "main" {
  regions {
    region_name = "us-east-1"
  }

  tag = {
    team = "incidents"
  }
}
