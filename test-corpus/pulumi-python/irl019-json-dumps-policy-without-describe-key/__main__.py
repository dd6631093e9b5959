import json

import pulumi_aws as aws

ACCOUNT_ROOT = "arn:aws:iam::111122223333:root"

grants = {
    "Effect": "Allow",
    "Principal": {"AWS": ACCOUNT_ROOT},
    "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
    "Resource": "*",
}

key = aws.kms.Key(
    "incidents",
    description="Incident Manager",
    policy=json.dumps({"Version": "2012-10-17", "Statement": [grants]}),
)

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": key.arn},
        {
            "name": "us-west-2",
            "kms_key_arn": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
    ],
)
