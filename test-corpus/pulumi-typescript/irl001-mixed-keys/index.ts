import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });
const westKey = new aws.kms.Key("incidents-west", {}, { provider: west });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-west-2", kmsKeyArn: westKey.arn },
        { name: "us-east-1" },
    ],
});
