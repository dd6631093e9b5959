variable "key_store_id" {
  description = "A custom key store for new keys, if any"
  type        = string
  default     = null
}

variable "key_spec" {
  type = string
}

resource "aws_kms_key" "incidents" {
  description              = "Incident Manager, written out in full"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"
  is_enabled               = true
  custom_key_store_id      = var.key_store_id
}

resource "aws_kms_key" "configurable" {
  description              = "Spec chosen at plan time"
  customer_master_key_spec = var.key_spec
}

# Neither of these encrypts a region.
resource "aws_kms_key" "signing" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "retired" {
  is_enabled = false
}

resource "aws_kms_alias" "west" {
  name          = "alias/incidents-west"
  target_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.incidents.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_alias.west.target_key_arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.configurable.arn
  }
}
