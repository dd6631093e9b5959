package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.awsnative.ssmincidents.ReplicationSet;
import com.pulumi.awsnative.ssmincidents.ReplicationSetArgs;
import com.pulumi.awsnative.ssmincidents.inputs.ReplicationSetReplicationRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetReplicationRegionArgs.builder().regionName("us-east-1").build(),
                ReplicationSetReplicationRegionArgs.builder().regionName("us-west-2").build())
            .deletionProtected(true)
            .build());
    }
}
