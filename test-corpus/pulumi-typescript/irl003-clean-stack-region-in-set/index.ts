import * as aws from "@pulumi/aws";

const regions = ["us-east-1", "us-west-2"];

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: regions[0] }, { name: regions[1] }],
});
