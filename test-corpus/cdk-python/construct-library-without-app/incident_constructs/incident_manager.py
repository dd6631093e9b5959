from aws_cdk import aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentManager(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, regions: list) -> None:
        super().__init__(scope, construct_id)
        key = kms.Key(self, "Key", key_spec=kms.KeySpec.HMAC_256)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region_name="us-east-1",
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        sse_kms_key_id=key.key_arn
                    ),
                )
            ],
        )
