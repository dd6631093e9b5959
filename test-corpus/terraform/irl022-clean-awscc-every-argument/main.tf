provider "awscc" {
  region = "us-east-1"
}

variable "protected" {
  type    = string
  default = "true"
}

resource "awscc_kms_key" "east" {}

resource "awscc_ssmincidents_replication_set" "main" {
  regions = [
    {
      region_name = "us-east-1"
      region_configuration = {
        sse_kms_key_id = awscc_kms_key.east.arn
      }
    },
    {
      "region_name" = "us-west-2"
      region_configuration = {
        sse_kms_key_id = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    },
  ]
  deletion_protected = var.protected
  tags = [
    { key = "team", value = "incidents" },
  ]

  lifecycle {
    prevent_destroy = true
  }
}
