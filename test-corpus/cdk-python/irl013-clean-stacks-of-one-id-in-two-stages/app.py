import aws_cdk as cdk
from aws_cdk import aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[{"region_name": self.region}, {"region_name": "us-west-2"}],
        )


# Each stage deploys its own stack (to its own account): the stacks share an id, not a set.
class IncidentsStage(cdk.Stage):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        IncidentsStack(self, "Incidents")


app = cdk.App()
IncidentsStage(app, "Beta", env=cdk.Environment(account="111122223333", region="us-east-1"))
IncidentsStage(app, "Prod", env=cdk.Environment(account="444455556666", region="us-east-1"))
app.synth()
