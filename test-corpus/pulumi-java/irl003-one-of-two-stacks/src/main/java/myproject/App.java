package myproject;

import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            new ReplicationSet("incidents", ReplicationSetArgs.builder()
                .regions(
                    ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                    ReplicationSetRegionArgs.builder().name("us-east-2").build())
                .build());
        });
    }
}
