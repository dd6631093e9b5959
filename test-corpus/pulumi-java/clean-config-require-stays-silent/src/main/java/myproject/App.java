package myproject;

import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var config = ctx.config();
            var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());
            var westKey = new Key("incidents-west", null, CustomResourceOptions.builder().provider(west).build());

            new ReplicationSet("incidents", ReplicationSetArgs.builder()
                .regions(
                    ReplicationSetRegionArgs.builder()
                        .name(config.require("primaryRegion"))
                        .kmsKeyArn(config.require("primaryKeyArn"))
                        .build(),
                    ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(westKey.arn()).build())
                .build());
        });
    }
}
