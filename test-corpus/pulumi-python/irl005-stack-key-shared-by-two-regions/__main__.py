import pulumi_aws as aws

# No stack sets aws:region: the key lives in whichever region the stack deploys to.
shared_key = aws.kms.Key("shared", description="Incident Manager")

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": "us-east-1", "kms_key_arn": shared_key.arn},
        {"name": "us-west-2", "kms_key_arn": shared_key.arn},
    ],
)
