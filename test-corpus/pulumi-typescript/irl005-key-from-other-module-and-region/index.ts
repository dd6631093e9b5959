import * as aws from "@pulumi/aws";
import { incidentsKey } from "./kms";
import * as regional from "./regional";

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        {
            name: "us-east-1",
            kmsKeyArn: incidentsKey.arn,
        },
        regional.west,
    ],
});
