import * as aws from "@pulumi/aws";

const oregon = new aws.Provider("oregon", { region: "us-west-2" });

export const incidentsKey = new aws.kms.Key("incidents", {}, { provider: oregon });
