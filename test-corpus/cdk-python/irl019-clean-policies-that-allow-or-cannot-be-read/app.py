import aws_cdk as cdk
from aws_cdk import Stack, aws_iam as iam, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


# A policy that allows the account everything.
class OpenPolicyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        open_key = kms.CfnKey(
            self,
            "OpenKey",
            key_policy={
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ],
            },
        )
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[{"region_name": "us-east-1", "region_configuration": {"sse_kms_key_id": open_key.attr_arn}}],
            deletion_protected=True,
        )


# A policy built as an `iam.PolicyDocument`, which irlint does not read: no finding.
class DocumentPolicyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(
            self,
            "DocumentKey",
            policy=iam.PolicyDocument(statements=[]),
            enabled=True,
        )
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[{"region_name": "us-west-2", "region_configuration": {"sse_kms_key_id": key.key_arn}}],
            deletion_protected=True,
        )


app = cdk.App()
OpenPolicyStack(app, "Open", env=cdk.Environment(region="us-east-1"))
DocumentPolicyStack(app, "Document", env=cdk.Environment(region="us-west-2"))
app.synth()
