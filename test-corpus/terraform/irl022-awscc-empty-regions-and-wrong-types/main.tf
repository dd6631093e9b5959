resource "awscc_ssmincidents_replication_set" "main" {
  regions            = []
  deletion_protected = "maybe"
  tags = [
    { key = "team" },
    { key = "owner", value = "incidents", Value = "x" },
  ]
  timeouts {
    create = "30m"
  }
}
