import pulumi_aws as aws

aws.ssmincidents.ReplicationSet(
    "replication-set",
    region=[
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-east-1"),
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-west-2"),
    ],
)
