variable "regions" {
  type = list(string)
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name = regions.value
    }
  }
}
