import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")

east_key = aws.kms.Key("east", description="Incident Manager, us-east-1")
west_key = aws.kms.Key(
    "west",
    description="Incident Manager, us-west-2",
    opts=pulumi.ResourceOptions(provider=west),
)
west_alias = aws.kms.Alias(
    "west",
    name="alias/incidents-west",
    target_key_id=west_key.key_id,
    opts=pulumi.ResourceOptions(provider=west),
)

EU_KEY = "alias/incidents-eu"

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": "us-east-1", "kms_key_arn": east_key.key_id},
        {"name": "us-west-2", "kms_key_arn": west_alias.arn},
        {"name": "eu-west-1", "kms_key_arn": EU_KEY},
    ],
)
