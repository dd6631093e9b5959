import pulumi_aws as aws

REGIONS = [
    aws.ssmincidents.ReplicationSetRegionArgs(name="us-east-1"),
    aws.ssmincidents.ReplicationSetRegionArgs(name="us-west-2"),
    aws.ssmincidents.ReplicationSetRegionArgs(name="eu-west-1"),
    aws.ssmincidents.ReplicationSetRegionArgs(name="ap-south-1"),
]

aws.ssmincidents.ReplicationSet("incidents", regions=REGIONS)
