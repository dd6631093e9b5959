import pulumi_aws as aws

EAST = "us-east-1"
WEST = aws.Region.US_WEST2
