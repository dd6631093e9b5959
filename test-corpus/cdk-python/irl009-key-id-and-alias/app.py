import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "IncidentsKey")
        alias = kms.Alias(self, "Alias", alias_name="alias/incidents", target_key=key)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region_name="us-east-1",
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        sse_kms_key_id=key.key_id
                    ),
                ),
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region_name="us-west-2",
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        sse_kms_key_id=alias.alias_arn
                    ),
                ),
            ],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
