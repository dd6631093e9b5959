# The provider's region is chosen at deployment (AWS_REGION); its one key serves two regions.
provider "aws" {}

resource "aws_kms_key" "incidents" {
  description = "Incident Manager"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }
}
