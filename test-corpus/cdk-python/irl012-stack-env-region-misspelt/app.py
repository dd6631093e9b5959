#!/usr/bin/env python3
import aws_cdk as cdk

from incidents.incidents_stack import IncidentsStack

app = cdk.App()
IncidentsStack(
    app,
    "Prod",
    env=cdk.Environment(account="111122223333", region="eu-west-1"),
    regions=["eu-west-1", "eu-central-1"],
)
IncidentsStack(
    app,
    "Dev",
    env=cdk.Environment(account="444455556666", region="us-esat-1"),
    regions=["eu-west-1", "eu-central-1"],
)
app.synth()
