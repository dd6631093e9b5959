import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")

east_key = aws.kms.Key("incidents-east", description="Incident Manager data, us-east-1")
west_key = aws.kms.Key(
    "incidents-west",
    description="Incident Manager data, us-west-2",
    opts=pulumi.ResourceOptions(provider=west),
)

replication_set = aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": "us-east-1", "kms_key_arn": east_key.arn},
        {"name": "us-west-2", "kms_key_arn": west_key.arn},
    ],
)
