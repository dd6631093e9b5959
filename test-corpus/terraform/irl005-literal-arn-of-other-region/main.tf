provider "aws" {
  region = "eu-west-1"
}

variable "frankfurt_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-central-1:111122223333:key/2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "eu-west-1"
    kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
  }

  regions {
    name        = "eu-central-1"
    kms_key_arn = var.frankfurt_key_arn
  }
}
