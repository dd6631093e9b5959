import aws_cdk as cdk
from aws_cdk import Stack, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[],
            deletion_protected=[True],
            tags=[cdk.CfnTag(key="team")],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
