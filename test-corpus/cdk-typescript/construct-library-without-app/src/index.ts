import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import { aws_ssmincidents as ssmincidents } from "aws-cdk-lib";

export interface IncidentManagerProps {
  readonly regions: string[];
}

export class IncidentManager extends Construct {
  constructor(scope: Construct, id: string, props: IncidentManagerProps) {
    super(scope, id);
    const key = new kms.Key(this, "Key", { keySpec: kms.KeySpec.HMAC_256 });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.keyArn } }],
    });
  }
}
