import * as aws from "@pulumi/aws";

// irlint: ignore[IRL004] a sandbox stack, recreated by the bootstrap pipeline
export const replicationSet = new aws.ssmincidents.ReplicationSet(
    "incidents",
    {
        regions: [{ name: "us-west-2" }],
    },
);
