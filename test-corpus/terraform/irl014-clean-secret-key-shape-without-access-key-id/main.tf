provider "aws" {
  region = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }

  tags = {
    build_ref = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    component = "IncidentManagerReplicationSetOfProdTeams"
  }
}
