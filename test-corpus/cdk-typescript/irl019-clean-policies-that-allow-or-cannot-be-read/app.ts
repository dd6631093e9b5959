import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

// A policy that allows the account everything.
class OpenPolicyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const open = new kms.CfnKey(this, "OpenKey", {
      keyPolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      },
    });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: open.attrArn } }],
      deletionProtected: true,
    });
  }
}

// A policy built as an `iam.PolicyDocument`, which irlint does not read: no finding.
class DocumentPolicyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "DocumentKey", {
      policy: new iam.PolicyDocument({ statements: [] }),
      enabled: true,
    });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-west-2", regionConfiguration: { sseKmsKeyId: key.keyArn } }],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
new OpenPolicyStack(app, "Open", { env: { region: "us-east-1" } });
new DocumentPolicyStack(app, "Document", { env: { region: "us-west-2" } });
