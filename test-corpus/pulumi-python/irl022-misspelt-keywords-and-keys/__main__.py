import pulumi
import pulumi_aws as aws

key = aws.kms.Key("east")

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        aws.ssmincidents.ReplicationSetRegionArgs(region_name="us-east-1", kms_key_id=key.arn),
        {"regionName": "us-west-2"},
    ],
    tag={"team": "operations"},
    opts=pulumi.ResourceOptions(protect=True),
)
