"use strict";
const aws = require("@pulumi/aws");

const set = new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "eu-west-1" }],
});

exports.replicationSetArn = set.arn;
