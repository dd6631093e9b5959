import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import { IncidentManager } from "./incident-manager";

export interface IncidentsStackProps extends cdk.StackProps {
  readonly regions: string[];
}

export class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: IncidentsStackProps) {
    super(scope, id, props);
    new IncidentManager(this, "IncidentManager", { regions: props.regions });
  }
}
