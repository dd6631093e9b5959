variable "replication_sets" {
  description = "How many replication sets to create"
  type        = number
  default     = 2
}

resource "aws_ssmincidents_replication_set" "main" {
  count = var.replication_sets

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
