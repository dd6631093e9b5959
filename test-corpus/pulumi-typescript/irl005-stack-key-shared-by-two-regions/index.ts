import * as aws from "@pulumi/aws";

// No stack sets aws:region: the key lives in whichever region the stack deploys to.
const sharedKey = new aws.kms.Key("shared", { description: "Incident Manager" });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: sharedKey.arn },
        { name: "us-west-2", kmsKeyArn: sharedKey.arn },
    ],
});
