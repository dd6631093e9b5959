import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "IncidentsKey", enabled=False)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[{"region_name": "us-east-1", "region_configuration": {"sse_kms_key_id": key.key_arn}}],
            deletion_protected=True,
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
