variable "use_hsm" {
  type = bool
}

variable "hsm_store_id" {
  type    = string
  default = "cks-1234567890abcdef0"
}

resource "aws_kms_custom_key_store" "hsm" {
  custom_key_store_name = "incidents-hsm"
  cloud_hsm_cluster_id  = "cluster-1234567890a"
  key_store_password    = "not-a-real-password"
  trust_anchor_certificate = file("customerCA.crt")
}

# The store's id is known only after apply, but the key is certainly in a custom key store.
resource "aws_kms_key" "in_store" {
  custom_key_store_id = aws_kms_custom_key_store.hsm.id
}

# Whether this key is in a store depends on a variable without a value: nothing is certain.
resource "aws_kms_key" "maybe_in_store" {
  custom_key_store_id = var.use_hsm ? var.hsm_store_id : null
}

# Null: no custom key store.
resource "aws_kms_key" "plain" {
  custom_key_store_id = null
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.in_store.arn
  }

  regions {
    name        = "us-west-2"
    kms_key_arn = aws_kms_key.maybe_in_store.arn
  }

  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.plain.arn
  }
}
