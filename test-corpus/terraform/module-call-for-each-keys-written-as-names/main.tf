provider "aws" {
  region = "us-east-1"
}

module "incident_manager" {
  source   = "./modules/incident-manager"
  for_each = { us-east-1 = "prod", us-wset-2 = "staging" }
  home     = each.key
  replicas = { eu-west-1 = null, ap-southeast-2 = null }
}
