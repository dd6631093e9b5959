import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });
// pulumi-aws v7 lets a resource choose its region: this `region` is a string, not the set's.
const eastKey = new aws.kms.Key("incidents-east", { region: "us-east-1" });
const westKey = new aws.kms.Key("incidents-west", {}, { provider: west });

new aws.ssmincidents.ReplicationSet(
    "incidents",
    {
        regions: [
            { name: "us-east-1", kmsKeyArn: eastKey.arn },
            { name: "us-west-2", kmsKeyArn: westKey.arn },
        ],
    },
    { provider: west },
);
