resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    name = "ap-south-9"
  }
}
