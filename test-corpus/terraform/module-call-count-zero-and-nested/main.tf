provider "aws" {
  region = "us-east-1"
}

module "platform" {
  source           = "./modules/platform"
  incident_regions = ["us-east-1"]
}

module "sandbox" {
  source                = "./modules/platform"
  incident_regions      = ["us-east-1", "mars-north-1"]
  with_incident_manager = false
}
