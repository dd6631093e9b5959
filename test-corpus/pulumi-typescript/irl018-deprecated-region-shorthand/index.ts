import * as aws from "@pulumi/aws";

const region = [
    { name: "us-east-1" },
    { name: "us-west-2" },
];

new aws.ssmincidents.ReplicationSet("incidents", {
    region,
    tags: { team: "operations" },
});
