import pulumi
import pulumi_aws as aws

incident_key = aws.kms.Key(
    "incident-key",
    description="Incident Manager, us-east-1",
    deletion_window_in_days=30,
)

replication_set = aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        aws.ssmincidents.ReplicationSetRegionArgs(
            name="us-east-1",
            kms_key_arn=incident_key.arn,
        ),
        aws.ssmincidents.ReplicationSetRegionArgs(
            name="us-west-2",
        ),
    ],
    tags={"team": "operations"},
)

pulumi.export("replication_set_arn", replication_set.arn)
