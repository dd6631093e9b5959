import * as awsnative from "@pulumi/aws-native";

new awsnative.ssmincidents.ReplicationSet("incidents", {
    regions: [{ regionName: "us-east-1" }],
    deletionProtected: false,
});
