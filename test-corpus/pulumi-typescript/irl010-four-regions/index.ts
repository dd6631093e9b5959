import * as aws from "@pulumi/aws";

const regions = [
    { name: aws.Region.USEast1 },
    { name: "us-east-2" },
    { name: "us-west-1" },
    { name: "us-west-2" },
];

new aws.ssmincidents.ReplicationSet("incidents", { regions });
