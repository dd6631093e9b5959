import pulumi
import pulumi_aws as aws

config = pulumi.Config()
COST_CENTER = "1234"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "us-east-1"}, {"name": "us-west-2"}],
    tags={
        "team": "platform-reliability-engineering",
        "cost-center": COST_CENTER,
        "version": "1.4.2",
        "created": "2024-01-15",
        "runbook": "arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024",
        "request-id": "123e4567-e89b-12d3-a456-426614174000",
        "commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
        "component": "IncidentManagerReplicationSetPrimary",
        "owner": config.require("owner"),
    },
)
