"""The KMS keys of the replication set."""
import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")

west_key = aws.kms.Key(
    "west-key",
    description="Incident Manager, us-west-2",
    opts=pulumi.ResourceOptions(provider=west),
)
