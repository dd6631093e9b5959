import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const costCenter = "1234";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
    tags: {
        team: "platform-reliability-engineering",
        costCenter,
        version: "1.4.2",
        created: "2024-01-15",
        runbook: "arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024",
        requestId: "123e4567-e89b-12d3-a456-426614174000",
        commit: "9fceb02d0ae598e95dc970b74767f19372d61af8",
        component: "IncidentManagerReplicationSetPrimary",
        owner: config.require("owner"),
    },
});
