provider "aws" {
  region = "us-east-1"
}

module "incident_manager" {
  source  = "example-org/incident-manager/aws"
  version = "~> 2.1"
  regions = {
    "us-east-1" = {}
    "us-wset-2" = {}
  }
}
