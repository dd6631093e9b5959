import pulumi
import pulumi_aws as aws

config = pulumi.Config()

hsm = aws.kms.CustomKeyStore(
    "hsm",
    custom_key_store_name="incidents-hsm",
    cloud_hsm_cluster_id="cluster-1234567890a",
    key_store_password="not-a-real-password",
    trust_anchor_certificate="certificate",
)

# Certainly in the store, whose id is known after it is created.
in_store = aws.kms.Key("in-store", custom_key_store_id=hsm.id)
# In a store only when the stack's configuration names one.
maybe_in_store = aws.kms.Key("maybe-in-store", custom_key_store_id=config.get("keyStoreId"))

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": in_store.arn},
        {"name": "us-west-2", "kms_key_arn": maybe_in_store.arn},
    ],
)
