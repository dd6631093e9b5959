package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.awsnative.ssmincidents.inputs.ReplicationSetReplicationRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        // pulumi-aws follows Terraform's schema: one region per name, three in all.
        new ReplicationSet("classic", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build(),
                ReplicationSetRegionArgs.builder().name("eu-west-1").build(),
                ReplicationSetRegionArgs.builder().name("us-east-1").build())
            .build());

        // aws-native follows CloudFormation's: every entry is sent, four in all.
        new com.pulumi.awsnative.ssmincidents.ReplicationSet("native",
            com.pulumi.awsnative.ssmincidents.ReplicationSetArgs.builder()
                .deletionProtected(true)
                .regions(
                    ReplicationSetReplicationRegionArgs.builder().regionName("us-east-1").build(),
                    ReplicationSetReplicationRegionArgs.builder().regionName("us-west-2").build(),
                    ReplicationSetReplicationRegionArgs.builder().regionName("eu-west-1").build(),
                    ReplicationSetReplicationRegionArgs.builder().regionName("us-east-1").build())
                .build());
    }
}
