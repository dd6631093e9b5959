import * as aws from "@pulumi/aws";

const regions: aws.types.input.ssmincidents.ReplicationSetRegion[] = [];

new aws.ssmincidents.ReplicationSet("incidents", { regions, tags: {} });
