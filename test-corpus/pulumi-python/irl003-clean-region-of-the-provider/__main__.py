import pulumi_aws as aws

current = aws.get_region()

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": current.name},
        {"name": "us-west-2"},
    ],
)
