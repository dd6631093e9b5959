provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "incidents" {
  description = "Incident Manager"
}

module "incident_manager" {
  source = "./modules/incident-manager"
  keys = {
    "us-east-1" = aws_kms_key.incidents.arn
    "us-west-2" = null
  }
}
