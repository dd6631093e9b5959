package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import java.util.List;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var regions = List.of(
            ReplicationSetRegionArgs.builder().name("us-east-1").build(),
            ReplicationSetRegionArgs.builder().name("us-east-2").build(),
            ReplicationSetRegionArgs.builder().name("us-west-1").build(),
            ReplicationSetRegionArgs.builder().name("us-west-2").build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(regions)
            .build());
    }
}
