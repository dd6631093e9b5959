import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
# pulumi-aws v7 lets a resource choose its region: this `region` is a string, not the set's.
east_key = aws.kms.Key("incidents-east", region="us-east-1")
west_key = aws.kms.Key("incidents-west", opts=pulumi.ResourceOptions(provider=west))

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": east_key.arn},
        {"name": "us-west-2", "kms_key_arn": west_key.arn},
    ],
    opts=pulumi.ResourceOptions(provider=west),
)
