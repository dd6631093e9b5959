import * as aws from "@pulumi/aws";
import { tags } from "./tags";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [{ name: "us-east-1" }],
    tags,
});
