provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_kms_key" "signing" {
  description              = "Signs release artifacts"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_external_key" "imported" {
  provider    = aws.west
  description = "Key material imported from the on-premises HSM"
}

resource "aws_kms_key" "cloudhsm" {
  provider            = aws.ireland
  description         = "Key in the CloudHSM key store"
  custom_key_store_id = "cks-1234567890abcdef0"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.signing.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_external_key.imported.arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.cloudhsm.arn
  }
}
