variable "enabled" {
  type    = bool
  default = false
}

resource "aws_ssmincidents_replication_set" "main" {
  count = var.enabled ? 1 : 0

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-east-9"
  }
}
