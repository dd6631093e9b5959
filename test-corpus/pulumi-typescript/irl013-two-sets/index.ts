import * as aws from "@pulumi/aws";

export const primary = new aws.ssmincidents.ReplicationSet("primary", {
    regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
});

export const secondary = new aws.ssmincidents.ReplicationSet("secondary", {
    regions: [{ name: "eu-west-1" }, { name: "eu-central-1" }],
});
