import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "Key")
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region="us-east-1",
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        kms_key_id=key.key_arn,
                    ),
                ),
                {"region_name": "us-west-2"},
            ],
            tag=[{"key": "team", "value": "operations"}],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
