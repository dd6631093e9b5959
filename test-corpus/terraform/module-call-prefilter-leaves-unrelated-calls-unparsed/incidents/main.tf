# No replication set here, but the module it calls holds one: this root is parsed with it.
provider "aws" {
  region = "us-east-1"
}

module "set" {
  source = "./modules/set"
}
