provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "west" {
  provider = aws.west
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.west.arn // irlint: ignore[IRL005] the key moves to us-east-1 in the next change
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.west.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.west.arn
  }

  tags = {
    note = "// irlint: ignore[IRL005] inside a string, no comment"
  }
}
