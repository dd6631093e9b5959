provider "awscc" {
  region = "us-east-1"
}

provider "awscc" {
  alias  = "west"
  region = "us-west-2"
}

resource "awscc_kms_key" "imported" {
  origin = "EXTERNAL"
}

resource "awscc_kms_key" "signing" {
  provider  = awscc.west
  key_spec  = "RSA_2048"
  key_usage = "SIGN_VERIFY"
}

resource "awscc_ssmincidents_replication_set" "main" {
  regions = [
    {
      region_name          = "us-east-1"
      region_configuration = { sse_kms_key_id = awscc_kms_key.imported.arn }
    },
    {
      region_name          = "us-west-2"
      region_configuration = { sse_kms_key_id = awscc_kms_key.signing.arn }
    },
  ]
}
