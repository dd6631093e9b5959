resource "awscc_ssmincidents_replication_set" "main" {
  regions {
    region_name = "us-east-1"
  }
  region_configuration = {
    sse_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
