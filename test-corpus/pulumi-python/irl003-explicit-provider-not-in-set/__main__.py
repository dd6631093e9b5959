import pulumi
import pulumi_aws as aws
from pulumi_aws.ssmincidents import ReplicationSet as Set

oregon = aws.Provider("oregon", region=aws.Region.US_WEST2)
options = pulumi.ResourceOptions(provider=oregon)

Set(
    "replication-set",
    regions=[{"name": "us-east-1"}, {"name": "eu-west-1"}],
    opts=options,
)
