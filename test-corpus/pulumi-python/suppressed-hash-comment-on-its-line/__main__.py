import pulumi_aws as aws

aws.ssmincidents.ReplicationSet(
    "incidents",
    regions=[
        {"name": "us-west-2"},  # irlint: ignore[IRL004] a sandbox stack, rebuilt every night
    ],
)

aws.ssmincidents.ReplicationSet(
    "second",
    regions=[
        {"name": "us-west-2"},  # irlint: ignore[IRL001] no mixed keys here
    ],
)
