variable "regions" {
  description = "The regions of the replication set; the first is where it is deployed."
  type        = list(string)
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name = regions.value
    }
  }
}

output "arn" {
  value = aws_ssmincidents_replication_set.this.arn
}
