import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });

const eastKey = new aws.kms.Key("incidents-east", {
    description: "Incident Manager data, us-east-1",
});
const westKey = new aws.kms.Key("incidents-west", {
    description: "Incident Manager data, us-west-2",
}, { provider: west });

export const replicationSet = new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.arn },
        { name: "us-west-2", kmsKeyArn: westKey.arn },
    ],
});
