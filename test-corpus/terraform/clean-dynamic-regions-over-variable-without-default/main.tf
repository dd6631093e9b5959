provider "aws" {
  region = "us-east-1"
}

variable "regions" {
  type = list(object({ name = string, kms_key_arn = optional(string) }))
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name        = regions.value.name
      kms_key_arn = regions.value.kms_key_arn
    }
  }
}
