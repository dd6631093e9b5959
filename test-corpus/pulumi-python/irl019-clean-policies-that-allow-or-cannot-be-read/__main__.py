import json

import pulumi
import pulumi_aws as aws
import pulumi_aws_native as aws_native

# aws-native's key takes its policy as a dictionary: the account may do anything with the key.
east_key = aws_native.kms.Key(
    "incidents-east",
    key_policy={
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ],
    },
)

# The statements come from configuration: they may allow anything.
west_key = aws.kms.Key(
    "incidents-west",
    policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": pulumi.Config().require_object("keyStatements"),
        }
    ),
)

# Used by no replication set: its policy is not Incident Manager's business.
aws.kms.Key("unrelated", policy=json.dumps({"Version": "2012-10-17", "Statement": []}))

aws_native.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {
            "region_name": "us-east-1",
            "region_configuration": {"sse_kms_key_id": east_key.arn},
        },
        {
            "region_name": "us-west-2",
            "region_configuration": {"sse_kms_key_id": west_key.arn},
        },
    ],
)
