import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

// An environment-agnostic stack: its key lives in the region it is deployed to.
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "IncidentsKey", { enableKeyRotation: true });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        { regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.keyArn } },
        { regionName: "us-west-2", regionConfiguration: { sseKmsKeyId: key.keyArn } },
      ],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents");
