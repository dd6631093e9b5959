variable "region" {
  type    = string
  default = ""
}

# An empty region sets none: the provider takes the deployment's, as without the attribute.
provider "aws" {
  region = var.region
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
