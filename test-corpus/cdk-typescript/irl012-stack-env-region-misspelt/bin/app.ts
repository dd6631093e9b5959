#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { IncidentsStack } from "../lib/incidents-stack";

const app = new cdk.App();
new IncidentsStack(app, "Prod", {
  env: { account: "111122223333", region: "eu-west-1" },
  regions: ["eu-west-1", "eu-central-1"],
});
new IncidentsStack(app, "Dev", {
  env: { account: "444455556666", region: "us-esat-1" },
  regions: ["eu-west-1", "eu-central-1"],
});
