provider "aws" {
  region = "us-east-1"
}

variable "cost_center" {
  type    = string
  default = "1234"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }

  tags = {
    team        = "platform-reliability-engineering"
    cost_center = var.cost_center
    account     = "123456789012"
    version     = "1.4.2"
    created     = "2024-01-15"
    runbook     = "arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024"
    request_id  = "123e4567-e89b-12d3-a456-426614174000"
    commit      = "9fceb02d0ae598e95dc970b74767f19372d61af8"
    component   = "IncidentManagerReplicationSetPrimary"
    contact     = "sre-primary-rotation"
    owner       = var.owner
  }
}

variable "owner" {
  type = string
}
