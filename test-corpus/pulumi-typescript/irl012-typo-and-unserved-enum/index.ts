import * as aws from "@pulumi/aws";

const standbyRegion = "eu-wset-1";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "eu-central-1" },
        { name: standbyRegion },
        { name: aws.Region.EUSouth1 },
    ],
});
