import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.key = kms.Key(self, "IncidentsKey", key_spec=kms.KeySpec.HMAC_256)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                {
                    "region_name": self.region,
                    "region_configuration": {"sse_kms_key_id": self.key.key_arn},
                }
            ],
            deletion_protected=True,
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
