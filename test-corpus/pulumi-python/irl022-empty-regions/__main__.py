import pulumi_aws as aws

REGIONS = []

aws.ssmincidents.ReplicationSet("incidents", regions=REGIONS, tags={})
