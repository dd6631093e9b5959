import * as awsnative from "@pulumi/aws-native";

const names = ["us-west-2"];

new awsnative.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { regionName: "us-east-1", regionConfiguration: {} },
        names[0],
    ],
    deletionProtected: "yes please",
    tags: [{ key: "team", value: ["operations"] }],
});
