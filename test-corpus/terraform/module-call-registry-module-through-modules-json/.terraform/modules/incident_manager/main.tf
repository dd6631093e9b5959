variable "regions" {
  type = map(object({ kms_key_arn = optional(string) }))
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name        = regions.key
      kms_key_arn = lookup(regions.value, "kms_key_arn", null)
    }
  }
}
