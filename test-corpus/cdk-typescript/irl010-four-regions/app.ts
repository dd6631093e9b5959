import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: regions.map((regionName) => ({ regionName })),
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
