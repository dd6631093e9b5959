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

locals {
  account_root = "arn:aws:iam::111122223333:root"
  # The default key policy, written out: the account may do anything with the key.
  default_policy = {
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
      Action    = "kms:*"
      Resource  = "*"
    }]
  }
}

resource "aws_kms_key" "east" {
  policy = jsonencode(local.default_policy)
}

resource "aws_kms_key" "west" {
  provider = aws.west
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action    = ["KMS:creategrant"]
        Resource  = "*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action    = "kms:Describe?ey"
        Resource  = "*"
      },
      {
        # Deny statements carry conditions irlint does not evaluate: they are not weighed.
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "kms:*"
        Resource  = "*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_kms_key" "ireland" {
  provider = aws.ireland
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
      NotAction = ["kms:ScheduleKeyDeletion"]
      Resource  = "*"
    }]
  })
}

# Not used by the replication set: its policy is not Incident Manager's business.
resource "aws_kms_key" "unrelated" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = []
  })
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.west.arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.ireland.arn
  }
}
