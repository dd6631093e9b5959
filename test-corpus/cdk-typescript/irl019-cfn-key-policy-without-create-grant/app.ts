import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.CfnKey(this, "IncidentsKey", {
      keyPolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/application" },
            Action: ["kms:Encrypt", "kms:Decrypt"],
            Resource: "*",
          },
        ],
      },
    });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.attrArn } }],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
