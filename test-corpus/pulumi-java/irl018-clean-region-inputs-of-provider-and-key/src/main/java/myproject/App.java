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
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());
        // pulumi-aws v7 lets a resource choose its region: this `region` is a string, not the set's.
        var eastKey = new Key("incidents-east", KeyArgs.builder().region("us-east-1").build());
        var westKey = new Key("incidents-west", KeyArgs.Empty,
            CustomResourceOptions.builder().provider(west).build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(eastKey.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(westKey.arn()).build())
            .build(), CustomResourceOptions.builder().provider(west).build());
    }
}
