from aws_cdk import aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentManager(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, regions: list) -> None:
        super().__init__(scope, construct_id)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(region_name=region_name)
                for region_name in regions
            ],
            deletion_protected=True,
        )
