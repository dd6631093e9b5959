import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: this.region }, { regionName: "us-west-2" }],
    });
  }
}

// Each stage deploys its own stack (to its own account): the stacks share an id, not a set.
class IncidentsStage extends cdk.Stage {
  constructor(scope: Construct, id: string, props?: cdk.StageProps) {
    super(scope, id, props);
    new IncidentsStack(this, "Incidents");
  }
}

const app = new cdk.App();
new IncidentsStage(app, "Beta", { env: { account: "111122223333", region: "us-east-1" } });
new IncidentsStage(app, "Prod", { env: { account: "444455556666", region: "us-east-1" } });
