import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

const east = new aws.kms.Key("incidents-east", {
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
        }],
    }),
});

// The actions come from configuration: they may be anything.
const west = new aws.kms.Key("incidents-west", {
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: config.requireObject<string[]>("keyActions"),
            Resource: "*",
        }],
    }),
});

// Used by no replication set: its policy is not Incident Manager's business.
new aws.kms.Key("unrelated", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
});

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: east.arn },
        { name: "us-west-2", kmsKeyArn: west.arn },
    ],
});
