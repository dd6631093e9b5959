provider "awscc" {
  region = "eu-west-1"
}

module "incident_manager" {
  source    = "./modules/incident-manager"
  region    = "eu-west-1"
  protected = false
}
