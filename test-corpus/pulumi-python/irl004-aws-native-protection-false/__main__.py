import pulumi_aws_native as aws_native

aws_native.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {
            "region_name": "us-east-1",
            "region_configuration": {
                "sse_kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
            },
        },
    ],
    deletion_protected=False,
)
