import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: cdk.Aws.REGION }, { regionName: "us-west-2" }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
