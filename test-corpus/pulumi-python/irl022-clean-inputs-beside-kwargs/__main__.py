import pulumi
import pulumi_aws as aws

settings = pulumi.Config().require_object("replication")

# The keywords spread from the configuration may hold `regions`: nothing is missing.
aws.ssmincidents.ReplicationSet(
    resource_name="incidents",
    tags={"team": "operations", "cost-centre": "42"},
    opts=pulumi.ResourceOptions(protect=True),
    **settings,
)
