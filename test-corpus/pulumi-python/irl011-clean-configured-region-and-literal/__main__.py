import pulumi_aws as aws

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": aws.config.region},
        {"name": "us-east-1"},
        {"name": "us-west-2"},
    ],
)
