import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")

east_key = aws.kms.Key("east-key")
west_key = aws.kms.Key("west-key", opts=pulumi.ResourceOptions(provider=west))

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": east_key.arn},
        {"name": "us-west-2", "kmsKeyArn": west_key.arn},
    ],
)
