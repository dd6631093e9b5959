package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var primary = new ReplicationSet("primary", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .build());

        var secondary = new ReplicationSet("secondary", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("eu-west-1").build(),
                ReplicationSetRegionArgs.builder().name("eu-central-1").build())
            .build());

        ctx.export("primary", primary.arn());
        ctx.export("secondary", secondary.arn());
    }
}
