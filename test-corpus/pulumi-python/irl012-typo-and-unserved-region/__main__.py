import pulumi_aws as aws

STANDBY_REGION = "eu-wset-1"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "eu-central-1"},
        {"name": STANDBY_REGION},
        aws.ssmincidents.ReplicationSetRegionArgs(name='il-central-1'),
    ],
)
