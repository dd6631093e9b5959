import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [],
      deletionProtected: [true],
      tags: [{ key: "team" }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
