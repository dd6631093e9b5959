import aws_cdk as cdk
from aws_cdk import Stack, aws_kms as kms, aws_ssmincidents as ssmincidents
from constructs import Construct


# One stack class, two stacks: each passes its own key properties to the stack's key.
class KeyStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        key_spec: kms.KeySpec,
        key_usage: kms.KeyUsage,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.Key(self, "IncidentsKey", key_spec=key_spec, key_usage=key_usage)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[{"region_name": self.region, "region_configuration": {"sse_kms_key_id": key.key_arn}}],
            deletion_protected=True,
        )


class ImportedKeyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        imported = kms.CfnKey(self, "ImportedKey", origin="EXTERNAL")
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(
                    region_name=Stack.of(self).region,
                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(
                        sse_kms_key_id=imported.attr_arn
                    ),
                )
            ],
            deletion_protected=True,
        )


app = cdk.App()
KeyStack(
    app,
    "Hmac",
    env=cdk.Environment(region="us-east-1"),
    key_spec=kms.KeySpec.HMAC_256,
    key_usage=kms.KeyUsage.GENERATE_VERIFY_MAC,
)
KeyStack(
    app,
    "Rsa",
    env=cdk.Environment(region="us-west-2"),
    key_spec=kms.KeySpec.RSA_2048,
    key_usage=kms.KeyUsage.SIGN_VERIFY,
)
ImportedKeyStack(app, "Imported", env=cdk.Environment(region="eu-west-1"))
app.synth()
