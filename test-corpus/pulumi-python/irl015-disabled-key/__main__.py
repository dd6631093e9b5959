import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")

east_key = aws.kms.Key("east", description="Incident Manager, us-east-1", is_enabled=False)
west_key = aws.kms.Key(
    "west",
    description="Incident Manager, us-west-2",
    opts=pulumi.ResourceOptions(provider=west),
)

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-east-1", kms_key_arn=east_key.arn),
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-west-2", kms_key_arn=west_key.arn),
    ],
)
