import * as awsnative from "@pulumi/aws-native";

new awsnative.ssmincidents.ReplicationSet("incidents", {
    regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
    deletionProtected: true,
    tags: [
        { key: "owner", value: "jane.doe@example.com" },
        { key: "escalation", value: "555.123.4567" },
    ],
});
