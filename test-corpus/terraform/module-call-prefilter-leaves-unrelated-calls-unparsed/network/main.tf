# Broken on purpose: this module and the one it calls hold no replication set, so neither is
# parsed, and the broken line is never an error.
module "subnets" {
  source = "./subnets"
  cidr   = "10.0.0.0/16"
