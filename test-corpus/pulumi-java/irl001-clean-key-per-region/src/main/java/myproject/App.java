package myproject;

import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var east = new Provider("east", ProviderArgs.builder().region("us-east-1").build());
            var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());

            var eastKey = new Key("incidents-east",
                KeyArgs.builder().description("Incident Manager").build(),
                CustomResourceOptions.builder().provider(east).build());
            var westKey = new Key("incidents-west",
                KeyArgs.builder().description("Incident Manager").build(),
                CustomResourceOptions.builder().provider(west).build());

            var replicationSet = new ReplicationSet("incidents", ReplicationSetArgs.builder()
                .regions(
                    ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(eastKey.arn()).build(),
                    ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(westKey.arn()).build())
                .build(), CustomResourceOptions.builder().provider(east).build());

            ctx.export("replicationSetArn", replicationSet.arn());
        });
    }
}
