import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


# One stack holds the keys; another stack's set uses them.
class KeyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.key = kms.Key(self, "IncidentsKey", enable_key_rotation=True)


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                {
                    "region_name": self.region,
                    "region_configuration": {"sse_kms_key_id": key.key_arn},
                }
            ],
            deletion_protected=True,
        )


app = cdk.App()
keys = KeyStack(app, "Keys", env=cdk.Environment(region="us-east-1"))
IncidentsStack(app, "Incidents", env=cdk.Environment(region="eu-west-1"), key=keys.key)
app.synth()
