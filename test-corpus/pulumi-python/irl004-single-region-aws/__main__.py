import pulumi_aws

REGION = "us-west-2"

pulumi_aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        pulumi_aws.ssmincidents.ReplicationSetRegionArgs(
            name=REGION,
        ),
    ],
)
