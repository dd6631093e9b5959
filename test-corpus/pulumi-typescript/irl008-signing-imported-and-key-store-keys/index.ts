import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });
const ireland = new aws.Provider("ireland", { region: "eu-west-1" });

const signingKey = new aws.kms.Key("signing", {
    description: "Signs release artifacts",
    customerMasterKeySpec: "RSA_3072",
    keyUsage: "SIGN_VERIFY",
});
const importedKey = new aws.kms.ExternalKey("imported", {
    description: "Key material imported from the on-premises HSM",
}, { provider: west });
const storeKey = new aws.kms.Key("in-key-store", {
    customKeyStoreId: "cks-1234567890abcdef0",
}, { provider: ireland });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: signingKey.arn },
        { name: "us-west-2", kmsKeyArn: importedKey.arn },
        { name: "eu-west-1", kmsKeyArn: storeKey.arn },
    ],
});
