variable "enabled" {
  type    = bool
  default = false
}

# Created only where a deployment enables it.
resource "aws_ssmincidents_replication_set" "main" {
  count = var.enabled ? 1 : 0

  regions {
    name = "us-east-9"
  }
}
