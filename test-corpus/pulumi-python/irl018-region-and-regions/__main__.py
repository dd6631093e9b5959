import pulumi_aws as aws

aws.ssmincidents.ReplicationSet(
    "replication-set",
    args=aws.ssmincidents.ReplicationSetArgs(
        regions=[{"name": "us-east-1"}, {"name": "eu-west-1"}],
    ),
    region=[{"name": "us-west-2"}],
)
