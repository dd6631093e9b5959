import * as native from "@pulumi/aws-native";

new native.ssmincidents.ReplicationSet("incidents", {
    regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
    deletionProtected: true,
});
