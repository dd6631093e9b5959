provider "aws" {
  region = "us-east-1"
}

module "incident_manager" {
  source  = "./modules/incident-manager"
  regions = ["us-east-1", "us-west-2"]
}
