import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, "IncidentsKey", { keySpec: kms.KeySpec.HMAC_256 });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        { regionName: this.region, regionConfiguration: { sseKmsKeyId: this.key.keyArn } },
      ],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
