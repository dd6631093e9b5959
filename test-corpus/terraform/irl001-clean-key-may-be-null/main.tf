provider "aws" {
  region = "us-east-1"
}

# No default: the caller may pass a key ARN or leave it null, so the set may use the AWS-owned key
# in both regions.
variable "west_key_arn" {
  type = string
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = var.west_key_arn
  }
}
