# The Cloud Control provider's replication set follows CloudFormation's schema.
provider "awscc" {
  region = "us-east-1"
}

resource "awscc_kms_key" "east" {
  key_spec = "SYMMETRIC_DEFAULT"
}

resource "awscc_ssmincidents_replication_set" "main" {
  regions = [
    {
      region_name = "us-east-1"
      region_configuration = {
        sse_kms_key_id = awscc_kms_key.east.arn
      }
    },
    {
      region_name = "us-west-2"
    },
  ]

  tags = [
    { key = "owner", value = "jane.doe@example.com" },
  ]
}
