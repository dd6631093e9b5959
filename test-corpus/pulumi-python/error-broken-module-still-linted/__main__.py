import pulumi_aws as aws

import tags

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "us-east-1"}],
    tags=tags.COMMON,
)
