import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
      tags: [
        { key: "team", value: "platform" },
        { key: "owner", value: "jane.doe@example.com" },
      ],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
