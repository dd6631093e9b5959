import * as aws from "@pulumi/aws";

// Deployed by the default provider, whose region is the stack's aws:region.
export const replicationSet = new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
});
