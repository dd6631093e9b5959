variable "home" {
  type = string
}

variable "secondary" {
  type = string
}

resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name = var.home
  }
  regions {
    name = var.secondary
  }
}
