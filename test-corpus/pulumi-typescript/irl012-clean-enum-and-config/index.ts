import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: aws.Region.USEast1 },
        { name: config.require("standbyRegion") },
        { name: `eu-north-1` },
    ],
});
