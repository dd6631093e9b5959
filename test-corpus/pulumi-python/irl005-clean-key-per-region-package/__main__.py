import pulumi_aws as aws
from pulumi_aws import ssmincidents

from infra import EAST, WEST, keys

ssmincidents.ReplicationSet(
    "replication-set",
    regions=[
        ssmincidents.ReplicationSetRegionArgs(name=EAST, kms_key_arn=keys.east_key.arn),
        ssmincidents.ReplicationSetRegionArgs(name=WEST, kms_key_arn=keys.west_key.arn),
    ],
)
