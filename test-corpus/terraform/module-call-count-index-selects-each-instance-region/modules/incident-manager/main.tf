variable "secondary" {
  type = string
}

resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name = "us-east-1"
  }
  regions {
    name = var.secondary
  }
}
