import * as aws from "@pulumi/aws";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{
        name: "us-west-2",
    }],
    tags: { team: "operations" },
});
