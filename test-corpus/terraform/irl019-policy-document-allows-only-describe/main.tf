provider "aws" {
  region = "eu-west-1"
}

data "aws_iam_policy_document" "incidents_key" {
  statement {
    sid       = "ReadOnly"
    actions   = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:List*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    sid       = "NoGrants"
    effect    = "Deny"
    actions   = ["kms:*Grant*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key" "incidents" {
  description = "Incident Manager, eu-west-1"
  policy      = data.aws_iam_policy_document.incidents_key.json
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "eu-central-1"
    kms_key_arn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
