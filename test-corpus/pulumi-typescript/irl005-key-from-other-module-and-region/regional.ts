import { incidentsKey } from "./kms";

export const west = { name: "us-west-2", kmsKeyArn: incidentsKey.arn };
