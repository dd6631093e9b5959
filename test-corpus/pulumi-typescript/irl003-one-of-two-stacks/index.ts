import * as aws from "@pulumi/aws";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }, { name: "us-east-2" }],
});
