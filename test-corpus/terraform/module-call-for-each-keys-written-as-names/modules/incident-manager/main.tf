variable "home" {
  type = string
}

variable "replicas" {
  type = map(string)
}

resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name = var.home
  }
  dynamic "regions" {
    for_each = var.replicas
    content {
      name        = regions.key
      kms_key_arn = regions.value
    }
  }
}
