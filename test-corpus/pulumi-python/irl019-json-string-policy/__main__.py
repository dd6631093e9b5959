import pulumi_aws as aws

KEY_POLICY = """
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
     "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}
  ]
}
"""

key = aws.kms.Key("incidents", policy=KEY_POLICY)

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-east-1", kms_key_arn=key.arn),
        aws.ssmincidents.ReplicationSetRegionArgs(
            name="us-west-2",
            kms_key_arn="arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    ],
)
