import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "IncidentsKey", { enableKeyRotation: true });
    const west = kms.Key.fromKeyArn(this, "West", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        { regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.keyArn } },
        { regionName: "us-west-2", regionConfiguration: { sseKmsKeyId: key.keyArn } },
        { regionName: "eu-central-1", regionConfiguration: { sseKmsKeyId: west.keyArn } },
      ],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
