import pulumi_aws_native as aws_native

aws_native.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        aws_native.ssmincidents.ReplicationSetReplicationRegionArgs(
            region_name="us-east-1",
            region_configuration={},
        ),
        "us-west-2",
    ],
    deletion_protected="yes please",
    tags=[{"key": "team", "value": ["operations"]}],
)
