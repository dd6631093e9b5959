import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

interface IncidentManagerProps {
  readonly regions: ssmincidents.CfnReplicationSet.ReplicationRegionProperty[];
}

class IncidentManager extends Construct {
  constructor(scope: Construct, id: string, props: IncidentManagerProps) {
    super(scope, id);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: props.regions,
      deletionProtected: true,
      tags: [{ key: "team", value: "operations" }],
    });
  }
}

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "Key");
    new IncidentManager(this, "IncidentManager", {
      regions: [
        { regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.keyArn } },
        {
          regionName: "us-west-2",
          regionConfiguration: {
            sseKmsKeyId: "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          },
        },
      ],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
