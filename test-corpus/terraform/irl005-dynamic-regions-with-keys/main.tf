provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "ohio"
  region = "us-east-2"
}

resource "aws_kms_key" "virginia" {}

resource "aws_kms_key" "ohio" {
  provider = aws.ohio
}

locals {
  regions = [
    { name = "us-east-1", kms_key_arn = aws_kms_key.virginia.arn },
    { name = "us-east-2", kms_key_arn = aws_kms_key.virginia.arn },
  ]
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "regions" {
    for_each = local.regions
    content {
      name        = regions.value.name
      kms_key_arn = regions.value.kms_key_arn
    }
  }
}
