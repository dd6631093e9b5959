import pulumi_aws as aws

import keys

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": keys.west_key.arn},
        {"name": "us-west-2", "kms_key_arn": keys.west_key.arn},
    ],
)
