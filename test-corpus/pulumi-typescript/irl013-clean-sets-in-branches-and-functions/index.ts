import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const stack = pulumi.getStack();

function europeanSet(name: string) {
    return new aws.ssmincidents.ReplicationSet(name, {
        regions: [{ name: "eu-west-1" }, { name: "eu-central-1" }],
    });
}

let replicationSet: aws.ssmincidents.ReplicationSet;
if (stack === "europe") {
    replicationSet = europeanSet("incidents-europe");
} else {
    replicationSet = new aws.ssmincidents.ReplicationSet("incidents", {
        regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
    });
}

export const arn = replicationSet.arn;
