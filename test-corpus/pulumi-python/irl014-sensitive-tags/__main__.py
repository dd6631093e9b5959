import pulumi_aws as aws

ESCALATION_PHONE = "+47 998 87 766"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "us-east-1"}, {"name": "us-west-2"}],
    tags={
        "owner": "jane.doe@example.com",
        "escalation": ESCALATION_PHONE,
        "ci-access-key": "AKIAIOSFODNN7EXAMPLE",
        "webhook-token": "q8Vz2LrT0wXe5NbKy7Hd4PcA",
        "oncall-lead@example.com": "primary",
    },
)
