import * as aws from "@pulumi/aws";

const primary = "us-east-1";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: primary },
        { name: "us-west-2" },
        { name: "eu-west-1" },
        { name: aws.Region.USEast1 },
    ],
});
