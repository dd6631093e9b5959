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
        // irlint: ignore[IRL004] a sandbox stack, recreated by the bootstrap pipeline
        var replicationSet = new ReplicationSet(
            "incidents",
            ReplicationSetArgs.builder()
                .regions(ReplicationSetRegionArgs.builder().name("us-west-2").build())
                .build());
        ctx.export("replicationSetArn", replicationSet.arn());
    }
}
