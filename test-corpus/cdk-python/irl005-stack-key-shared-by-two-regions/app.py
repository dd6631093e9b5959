import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


# An environment-agnostic stack: its key lives in the region it is deployed to.
class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "IncidentsKey", enable_key_rotation=True)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                {"region_name": "us-east-1", "region_configuration": {"sse_kms_key_id": key.key_arn}},
                {"region_name": "us-west-2", "region_configuration": {"sse_kms_key_id": key.key_arn}},
            ],
            deletion_protected=True,
        )


app = cdk.App()
IncidentsStack(app, "Incidents")
app.synth()
