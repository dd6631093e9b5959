import { Construct } from "constructs";
import { aws_ssmincidents as ssmincidents } from "aws-cdk-lib";

export interface IncidentManagerProps {
  readonly regions: string[];
}

export class IncidentManager extends Construct {
  constructor(scope: Construct, id: string, { regions }: IncidentManagerProps) {
    super(scope, id);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: regions.map((regionName) => ({ regionName })),
      deletionProtected: true,
    });
  }
}
