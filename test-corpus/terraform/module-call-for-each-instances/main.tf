locals {
  accounts = {
    "prod"    = "us-west-2"
    "staging" = "us-wset-2"
  }
}

module "incident_manager" {
  source    = "./modules/incident-manager"
  for_each  = local.accounts
  home      = "us-east-1"
  secondary = each.value
}
