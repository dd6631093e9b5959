package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var east = ReplicationSetRegionArgs.builder().name("us-east-1").build();
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(List.of(east, ReplicationSetRegionArgs.builder().name("us-west-2").build()))
            .tags(Map.of("team", "operations", "cost-centre", "42"))
            .build(),
            CustomResourceOptions.builder().protect(true).build());
    }
}
