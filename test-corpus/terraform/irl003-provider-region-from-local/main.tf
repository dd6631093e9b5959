resource "aws_ssmincidents_replication_set" "main" {
  region {
    name = local.regions.primary
  }

  region {
    name = local.regions["secondary"]
  }
}
