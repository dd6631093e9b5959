package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    static final String STANDBY_REGION = "eu-wset-1";

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("eu-central-1").build(),
                ReplicationSetRegionArgs.builder().name(STANDBY_REGION).build(),
                ReplicationSetRegionArgs.builder().name("il-central-1").build())
            .build());
    }
}
