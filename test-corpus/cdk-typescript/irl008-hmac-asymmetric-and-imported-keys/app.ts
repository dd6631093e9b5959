import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as kms from "aws-cdk-lib/aws-kms";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

interface KeyStackProps extends cdk.StackProps {
  readonly key: kms.KeyProps;
}

// One stack class, two stacks: each passes its own key properties to the stack's key.
class KeyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: KeyStackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "IncidentsKey", props.key);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: this.region, regionConfiguration: { sseKmsKeyId: key.keyArn } }],
      deletionProtected: true,
    });
  }
}

class ImportedKeyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const imported = new kms.CfnKey(this, "ImportedKey", { origin: "EXTERNAL" });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [
        {
          regionName: cdk.Stack.of(this).region,
          regionConfiguration: { sseKmsKeyId: imported.attrArn },
        },
      ],
      deletionProtected: true,
    });
  }
}

const app = new cdk.App();
new KeyStack(app, "Hmac", {
  env: { region: "us-east-1" },
  key: { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC },
});
new KeyStack(app, "Rsa", {
  env: { region: "us-west-2" },
  key: { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY },
});
new ImportedKeyStack(app, "Imported", { env: { region: "eu-west-1" } });
