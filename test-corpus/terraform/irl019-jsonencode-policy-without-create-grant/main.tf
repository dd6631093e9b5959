data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  key_administrators = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/admin"
}

resource "aws_kms_key" "incidents" {
  description = "Incident Manager"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Administration"
        Effect    = "Allow"
        Principal = { AWS = local.key_administrators }
        Action    = ["kms:CreateAlias", "kms:Put*", "kms:Enable*", "kms:Describe*"]
        Resource  = "*"
      },
      {
        Sid       = "Use"
        Effect    = "Allow"
        Principal = { AWS = local.key_administrators }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = data.aws_region.current.name
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
