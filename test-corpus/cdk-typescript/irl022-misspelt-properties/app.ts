import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "Key");
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        { region: "us-east-1", regionConfiguration: { kmsKeyId: key.keyArn } },
        { regionName: "us-west-2" },
      ],
      tag: [{ key: "team", value: "operations" }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
