provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

module "primary_key" {
  source = "./modules/keys"
}

# The caller means Frankfurt, but passes its default provider (Ireland) for the key.
module "secondary_key" {
  source = "./modules/keys"
}

module "incident_manager" {
  source = "./modules/incident-manager"
  providers = {
    aws           = aws
    aws.secondary = aws.frankfurt
  }
  primary_key   = module.primary_key.arn
  secondary_key = module.secondary_key.arn
}
