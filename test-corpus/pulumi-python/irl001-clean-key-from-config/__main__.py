import pulumi
import pulumi_aws as aws

config = pulumi.Config()
key_arn = config.require("keyArn")

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        {"name": "us-east-1", "kms_key_arn": key_arn},
        {"name": "us-west-2", "kms_key_arn": config.get("westKeyArn")},
    ],
)
