provider "aws" {
  region = "us-east-1"
}

variable "escalation_phone" {
  type    = string
  default = "+47 998 87 766"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }

  tags = {
    owner                      = "jane.doe@example.com"
    escalation                 = var.escalation_phone
    ci_access_key              = "AKIAIOSFODNN7EXAMPLE"
    webhook_token              = "q8Vz2LrT0wXe5NbKy7Hd4PcA"
    "oncall-lead@example.com" = "primary"
  }
}
