import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });

const eastKey = new aws.kms.Key("east", { description: "Incident Manager, us-east-1" });
const westKey = new aws.kms.Key("west", { description: "Incident Manager, us-west-2" }, { provider: west });
const westAlias = new aws.kms.Alias("west", {
    name: "alias/incidents-west",
    targetKeyId: westKey.keyId,
}, { provider: west });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.keyId },
        { name: "us-west-2", kmsKeyArn: westAlias.arn },
        { name: "eu-west-1", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/incidents" },
    ],
});
