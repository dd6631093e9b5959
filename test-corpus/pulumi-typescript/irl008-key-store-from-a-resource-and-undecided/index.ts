import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const useHsm = config.requireBoolean("useHsm");

const hsm = new aws.kms.CustomKeyStore("hsm", {
  customKeyStoreName: "incidents-hsm",
  cloudHsmClusterId: "cluster-1234567890a",
  keyStorePassword: "not-a-real-password",
  trustAnchorCertificate: "certificate",
});

// Certainly in the store, whose id is known after it is created.
const inStore = new aws.kms.Key("in-store", { customKeyStoreId: hsm.id });
// In the store or not, as the stack's configuration says.
const maybeInStore = new aws.kms.Key("maybe-in-store", {
  customKeyStoreId: useHsm ? hsm.id : undefined,
});

new aws.ssmincidents.ReplicationSet("replication-set", {
  regions: [
    { name: "us-east-1", kmsKeyArn: inStore.arn },
    { name: "us-west-2", kmsKeyArn: maybeInStore.arn },
  ],
});
