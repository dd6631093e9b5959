package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.ExternalKey;
import com.pulumi.aws.kms.ExternalKeyArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());
        var ireland = new Provider("ireland", ProviderArgs.builder().region("eu-west-1").build());

        var signingKey = new Key("signing", KeyArgs.builder()
            .description("Signs release artifacts")
            .customerMasterKeySpec("RSA_3072")
            .keyUsage("SIGN_VERIFY")
            .build());
        var importedKey = new ExternalKey("imported", ExternalKeyArgs.builder()
            .description("Key material imported from the on-premises HSM")
            .build(), CustomResourceOptions.builder().provider(west).build());
        var storeKey = new Key("in-key-store", KeyArgs.builder()
            .customKeyStoreId("cks-1234567890abcdef0")
            .build(), CustomResourceOptions.builder().provider(ireland).build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(signingKey.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(importedKey.arn()).build(),
                ReplicationSetRegionArgs.builder().name("eu-west-1").kmsKeyArn(storeKey.arn()).build())
            .build());
    }
}
