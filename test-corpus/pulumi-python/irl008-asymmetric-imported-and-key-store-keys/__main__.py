import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
ireland = aws.Provider("ireland", region="eu-west-1")

signing_key = aws.kms.Key(
    "signing",
    description="Signs release artifacts",
    customer_master_key_spec="ECC_NIST_P384",
    key_usage="SIGN_VERIFY",
)
imported_key = aws.kms.ExternalKey(
    "imported",
    description="Key material imported from the on-premises HSM",
    opts=pulumi.ResourceOptions(provider=west),
)
store_key = aws.kms.Key(
    "in-key-store",
    custom_key_store_id="cks-1234567890abcdef0",
    opts=pulumi.ResourceOptions(provider=ireland),
)

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": "us-east-1", "kms_key_arn": signing_key.arn},
        {"name": "us-west-2", "kms_key_arn": imported_key.arn},
        {"name": "eu-west-1", "kms_key_arn": store_key.arn},
    ],
)
