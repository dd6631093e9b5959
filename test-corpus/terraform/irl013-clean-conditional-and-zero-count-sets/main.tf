variable "migrate_legacy_set" {
  type    = bool
  default = false
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}

# Created only while migrating, in an account of its own.
resource "aws_ssmincidents_replication_set" "migration" {
  count    = var.migrate_legacy_set ? 1 : 0
  provider = aws.legacy_account

  regions {
    name = "eu-west-1"
  }

  regions {
    name = "eu-central-1"
  }
}

resource "aws_ssmincidents_replication_set" "disabled" {
  count = 0

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}

resource "aws_ssmincidents_replication_set" "per_team" {
  for_each = {}

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
