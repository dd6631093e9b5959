import pulumi_aws as aws

EAST_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd"
WEST_KEY = "arn:aws:kms:us-east-1:111122223333:key/5678efgh"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": EAST_KEY},
        {"name": "us-west-2", "kms_key_arn": WEST_KEY},
    ],
)
