import * as aws from "@pulumi/aws";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: aws.config.region! },
        { name: "us-east-1" },
        { name: "us-west-2" },
    ],
});
