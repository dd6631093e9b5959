from aws_cdk import Stack
from constructs import Construct

from incidents.incident_manager import IncidentManager


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, regions: list, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        IncidentManager(self, "IncidentManager", regions=regions)
