import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

// One stack holds the keys; another stack's set uses them.
class KeyStack extends cdk.Stack {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, "IncidentsKey", { enableKeyRotation: true });
  }
}

interface IncidentsStackProps extends cdk.StackProps {
  readonly key: kms.IKey;
}

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: IncidentsStackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: this.region, regionConfiguration: { sseKmsKeyId: props.key.keyArn } }],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
const keys = new KeyStack(app, "Keys", { env: { region: "us-east-1" } });
new IncidentsStack(app, "Incidents", { env: { region: "eu-west-1" }, key: keys.key });
