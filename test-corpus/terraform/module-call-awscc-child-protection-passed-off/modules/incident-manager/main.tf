variable "region" {
  type = string
}

variable "protected" {
  type    = bool
  default = true
}

resource "awscc_ssmincidents_replication_set" "this" {
  regions = [{
    region_name = var.region
  }]
  deletion_protected = var.protected
}
