package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var config = ctx.config();
        var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());

        var eastKey = new Key("east", KeyArgs.builder()
            .customerMasterKeySpec("SYMMETRIC_DEFAULT")
            .keyUsage("ENCRYPT_DECRYPT")
            .isEnabled(true)
            .build());
        var westKey = new Key("west", KeyArgs.builder()
            .customKeyStoreId(config.get("keyStoreId").orElse(null))
            .build(), CustomResourceOptions.builder().provider(west).build());

        // Neither of these encrypts a region.
        var macKey = new Key("mac", KeyArgs.builder().keySpec("HMAC_512").keyUsage("GENERATE_VERIFY_MAC").build());
        var retiredKey = new Key("retired", KeyArgs.builder().isEnabled(false).build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(eastKey.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(westKey.arn()).build())
            .build());

        ctx.export("unusedKeys", Output.all(macKey.arn(), retiredKey.arn()));
    }
}
