data "aws_caller_identity" "current" {}

resource "aws_kms_key" "incidents" {
  description         = "Incident Manager"
  enable_key_rotation = true
  policy              = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "KeyUse",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"},
          "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
          "Resource": "*"
        }
      ]
    }
  POLICY
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
