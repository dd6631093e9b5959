import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";

// pulumi-aws follows Terraform's schema: one region per name, three in all.
new aws.ssmincidents.ReplicationSet("classic", {
    regions: [
        { name: "us-east-1" },
        { name: "us-west-2" },
        { name: "eu-west-1" },
        { name: "us-east-1" },
    ],
});

// aws-native follows CloudFormation's: every entry is sent, four in all.
new awsnative.ssmincidents.ReplicationSet("native", {
    deletionProtected: true,
    regions: [
        { regionName: "us-east-1" },
        { regionName: "us-west-2" },
        { regionName: "eu-west-1" },
        { regionName: "us-east-1" },
    ],
});
