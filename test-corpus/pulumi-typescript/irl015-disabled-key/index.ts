import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });

const keyEnabled = false;

const eastKey = new aws.kms.Key("east", { description: "Incident Manager, us-east-1", isEnabled: keyEnabled });
const westKey = new aws.kms.Key("west", { description: "Incident Manager, us-west-2" }, { provider: west });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.arn },
        { name: "us-west-2", kmsKeyArn: westKey.arn },
    ],
});
