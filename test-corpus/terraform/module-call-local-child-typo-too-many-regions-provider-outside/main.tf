provider "aws" {
  region = "ap-southeast-2"
}

module "incident_manager" {
  source  = "./modules/incident-manager"
  regions = ["us-east-1", "us-west-2", "eu-wset-1", "eu-central-1"]
}
