import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const west = new aws.Provider("west", { region: "us-west-2" });
const westKey = new aws.kms.Key("incidents-west", {}, { provider: west });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: config.require("primaryRegion"), kmsKeyArn: config.require("primaryKeyArn") },
        { name: "us-west-2", kmsKeyArn: westKey.arn },
    ],
});
