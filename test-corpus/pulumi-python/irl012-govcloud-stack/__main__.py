import pulumi_aws as aws

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": aws.Region.US_GOV_WEST1},
        {"name": "us-gov-east-1"},
    ],
)
