import * as aws from "@pulumi/aws";

new aws.ssmincidents.ReplicationSet("set", {
    regions: [{ name: "us-east-1" }],
});
