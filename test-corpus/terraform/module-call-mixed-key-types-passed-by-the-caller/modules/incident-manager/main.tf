variable "keys" {
  description = "The key of each region, by region; null for the AWS-owned key."
  type        = map(string)
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    for_each = var.keys
    content {
      name        = regions.key
      kms_key_arn = regions.value
    }
  }
}
