import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const common: Record<string, any> = config.requireObject("common");
const west = new aws.kms.Key("west", {}, { provider: new aws.Provider("west", { region: "us-west-2" }) });
const east = new aws.kms.Key("east", {});

// The spread may give any input: nothing is missing.
new aws.ssmincidents.ReplicationSet("incidents", {
    ...common,
    tags: { team: "operations", "cost-centre": "42" },
});

export const regionKeys = [east.arn, west.arn];
