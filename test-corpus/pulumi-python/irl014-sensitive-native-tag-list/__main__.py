import pulumi_aws_native as aws_native

aws_native.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"region_name": "us-east-1"}, {"region_name": "us-west-2"}],
    deletion_protected=True,
    tags=[
        {"key": "owner", "value": "jane.doe@example.com"},
        aws_native.TagArgs(key="escalation", value="555 123 4567"),
    ],
)
