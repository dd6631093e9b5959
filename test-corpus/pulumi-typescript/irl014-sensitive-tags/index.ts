import * as aws from "@pulumi/aws";

const escalationPhone = "+47 998 87 766";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }, { name: "us-west-2" }],
    tags: {
        owner: "jane.doe@example.com",
        escalation: escalationPhone,
        ciAccessKey: "AKIAIOSFODNN7EXAMPLE",
        webhookToken: "q8Vz2LrT0wXe5NbKy7Hd4PcA",
        "oncall-lead@example.com": "primary",
    },
});
