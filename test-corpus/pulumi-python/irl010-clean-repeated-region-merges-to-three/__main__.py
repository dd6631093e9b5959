import pulumi_aws as aws

PRIMARY = "us-east-1"

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": PRIMARY},
        {"name": "us-west-2"},
        {"name": "eu-west-1"},
        {"name": aws.Region.US_EAST1},
    ],
)
