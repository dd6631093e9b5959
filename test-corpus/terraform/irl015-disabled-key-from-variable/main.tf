variable "key_enabled" {
  description = "Turn off while rotating to the new key"
  type        = bool
  default     = false
}

resource "aws_kms_key" "incidents" {
  description = "Incident Manager"
  is_enabled  = var.key_enabled
}

resource "aws_kms_key" "incidents_west" {
  provider    = aws.west
  description = "Incident Manager, us-west-2"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.incidents_west.arn
  }
}
