variable "region_keys" {
  default = {
    "us-east-1" = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    "us-west-9" = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "regions" {
    for_each = var.region_keys
    content {
      name        = regions.key
      kms_key_arn = regions.value
    }
  }
}
