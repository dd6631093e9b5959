import pulumi_aws_native as aws_native

aws_native.ssmincidents.ReplicationSet(
    "incidents",
    regions=[{"region_name": "us-east-1"}, {"region_name": "us-west-2"}],
    deletion_protected=True,
)
