import pulumi
import pulumi_aws as aws

config = pulumi.Config()
west = aws.Provider("west", region="us-west-2")

east_key = aws.kms.Key(
    "east",
    customer_master_key_spec="SYMMETRIC_DEFAULT",
    key_usage="ENCRYPT_DECRYPT",
    is_enabled=True,
)
west_key = aws.kms.Key(
    "west",
    custom_key_store_id=config.get("key_store_id"),
    opts=pulumi.ResourceOptions(provider=west),
)

# Neither of these encrypts a region.
mac_key = aws.kms.Key("mac", key_spec="HMAC_224", key_usage="GENERATE_VERIFY_MAC")
retired_key = aws.kms.Key("retired", is_enabled=False)

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-east-1", kms_key_arn=east_key.arn),
        aws.ssmincidents.ReplicationSetRegionArgs(name="us-west-2", kms_key_arn=west_key.arn),
    ],
)

pulumi.export("unused_keys", [mac_key.arn, retired_key.arn])
