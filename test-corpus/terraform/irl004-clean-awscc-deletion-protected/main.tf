resource "awscc_ssmincidents_replication_set" "main" {
  regions            = [{ region_name = "us-east-1" }]
  deletion_protected = true
}
