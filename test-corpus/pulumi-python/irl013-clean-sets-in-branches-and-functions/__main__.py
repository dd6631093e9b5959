import pulumi
import pulumi_aws as aws


def european_set(name):
    return aws.ssmincidents.ReplicationSet(
        name,
        regions=[{"name": "eu-west-1"}, {"name": "eu-central-1"}],
    )


if pulumi.get_stack() == "europe":
    replication_set = european_set("incidents-europe")
else:
    replication_set = aws.ssmincidents.ReplicationSet(
        "incidents",
        regions=[{"name": "us-east-1"}, {"name": "us-west-2"}],
    )

pulumi.export("arn", replication_set.arn)
