locals {
  # As the cloudposse null-label module writes it: the conditional goes on after `:`.
  tags = { for k, v in { team = "ops" } : k => v == "" ? "none" :
  v }
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-wset-2"
  }

  tags = local.tags
}
