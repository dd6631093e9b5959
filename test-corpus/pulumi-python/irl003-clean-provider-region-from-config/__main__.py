import pulumi
import pulumi_aws as aws

config = pulumi.Config()
provider = aws.Provider("regional", region=config.require("region"))

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "us-west-2"}, {"name": "eu-west-1"}],
    opts=pulumi.ResourceOptions(provider=provider),
)
