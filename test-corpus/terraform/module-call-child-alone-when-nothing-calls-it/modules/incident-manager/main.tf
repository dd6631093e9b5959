variable "secondary" {
  type = string
}

# Nothing under the linted path calls this module: it is linted alone, its variable unknown, and
# what it writes itself is still checked.
resource "aws_ssmincidents_replication_set" "this" {
  regions {
    name = "us-esat-1"
  }
  regions {
    name = var.secondary
  }
}
