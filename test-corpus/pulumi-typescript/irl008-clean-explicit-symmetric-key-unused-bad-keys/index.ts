import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const west = new aws.Provider("west", { region: "us-west-2" });

const eastKey = new aws.kms.Key("east", {
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    isEnabled: true,
});
const westKey = new aws.kms.Key("west", {
    customKeyStoreId: config.get("keyStoreId"),
}, { provider: west });

// Neither of these encrypts a region.
const macKey = new aws.kms.Key("mac", { keySpec: "HMAC_512", keyUsage: "GENERATE_VERIFY_MAC" });
const retiredKey = new aws.kms.Key("retired", { isEnabled: false });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.arn },
        { name: "us-west-2", kmsKeyArn: westKey.arn },
    ],
});

export const unusedKeys = [macKey.arn, retiredKey.arn];
