variable "regions" {
  type = list(string)
}

variable "protected" {
  type    = bool
  default = true
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name = regions.value
    }
  }
}
