import * as aws from "@pulumi/aws";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }, { name: "eu-west-1" }],
    "region": [{ name: "us-west-2" }],
});
