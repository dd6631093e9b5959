provider "aws" {
  region = "us-east-1"
}

locals {
  secondaries = ["us-west-2", "eu-wset-1"]
}

module "incident_manager" {
  source    = "./modules/incident-manager"
  count     = 2
  secondary = local.secondaries[count.index]
}
