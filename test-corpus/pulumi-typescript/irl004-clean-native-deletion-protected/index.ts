import * as awsnative from "@pulumi/aws-native";

const protect = true;

new awsnative.ssmincidents.ReplicationSet("incidents", {
    regions: [{ regionName: "us-east-1" }],
    deletionProtected: protect,
    tags: [{ key: "team", value: "operations" }],
});
