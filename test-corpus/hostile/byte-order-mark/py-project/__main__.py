import pulumi_aws as aws

aws.ssmincidents.ReplicationSet("set", regions=[{"name": "us-east-1"}])
