import { Provider, kms as keys, ssmincidents as incidents } from "@pulumi/aws";

const east = new Provider("east", { region: "us-east-1" });
const west = new Provider("west", { region: "us-west-2" });

const eastKey = new keys.Key("incidents-east", { description: "Incident Manager" }, { provider: east });
const westKey = new keys.Key("incidents-west", { description: "Incident Manager" }, { provider: west });

new incidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.arn },
        { name: "us-west-2", kmsKeyArn: westKey.arn },
    ],
}, { provider: east });
