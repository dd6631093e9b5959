import pulumi_aws_native as aws_native

aws_native.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        aws_native.ssmincidents.ReplicationSetReplicationRegionArgs(
            region_name="us-east-1",
        ),
    ],
    deletion_protected=True,
)
