import * as aws from "@pulumi/aws";

const key = new aws.kms.Key("east", {});
const regionName = "us-west-2";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { regionName: "us-east-1", kmsKeyId: key.arn },
        { regionName },
    ],
    tag: { team: "operations" },
}, { protect: true });
