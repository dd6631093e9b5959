package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var ireland = new Provider("ireland", ProviderArgs.builder()
            .region("eu-west-1")
            .build());

        new ReplicationSet("incidents",
            ReplicationSetArgs.builder()
                .regions(
                    ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                    ReplicationSetRegionArgs.builder().name("us-west-2").build())
                .build(),
            CustomResourceOptions.builder()
                .provider(ireland)
                .build());
    }
}
