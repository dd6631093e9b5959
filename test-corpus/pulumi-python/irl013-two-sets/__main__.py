import pulumi_aws as aws
import pulumi_aws_native as aws_native

primary = aws.ssmincidents.ReplicationSet(
    "primary",
    regions=[{"name": "us-east-1"}, {"name": "us-west-2"}],
)

# Added while trying out the aws-native provider.
native = aws_native.ssmincidents.ReplicationSet(
    "native",
    regions=[{"region_name": "us-east-1"}, {"region_name": "us-west-2"}],
    deletion_protected=True,
)
