import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentManager(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, regions) -> None:
        super().__init__(scope, construct_id)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=regions,
            deletion_protected=True,
            tags=[cdk.CfnTag(key="team", value="operations")],
        )


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "Key")
        IncidentManager(
            self,
            "IncidentManager",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region_name="us-east-1",
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        sse_kms_key_id=key.key_arn,
                    ),
                ),
                {
                    "region_name": "us-west-2",
                    "region_configuration": {
                        "sse_kms_key_id": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    },
                },
            ],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
