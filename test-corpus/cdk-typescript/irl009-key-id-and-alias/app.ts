import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "IncidentsKey");
    const alias = new kms.Alias(this, "Alias", { aliasName: "alias/incidents", targetKey: key });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        { regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.keyId } },
        { regionName: "us-west-2", regionConfiguration: { sseKmsKeyId: alias.aliasArn } },
      ],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
