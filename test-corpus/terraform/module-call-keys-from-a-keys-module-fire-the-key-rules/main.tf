provider "aws" {
  region = "us-east-1"
}

module "signing_key" {
  source = "./modules/keys"
  spec   = "ECC_NIST_P256"
}

module "disabled_key" {
  source  = "./modules/keys"
  enabled = false
}

module "key" {
  source = "./modules/keys"
}

module "incident_manager" {
  source = "./modules/incident-manager"
  keys = {
    "us-east-1" = module.signing_key.arn
    "us-west-2" = module.disabled_key.arn
    "eu-west-1" = module.key.id
  }
}
