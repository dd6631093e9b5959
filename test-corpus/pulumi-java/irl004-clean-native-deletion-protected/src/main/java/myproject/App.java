package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.awsnative.inputs.TagArgs;
import com.pulumi.awsnative.ssmincidents.ReplicationSet;
import com.pulumi.awsnative.ssmincidents.ReplicationSetArgs;
import com.pulumi.awsnative.ssmincidents.inputs.ReplicationSetReplicationRegionArgs;

public class App {
    private static final boolean PROTECT = true;

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(ReplicationSetReplicationRegionArgs.builder().regionName("us-east-1").build())
            .deletionProtected(PROTECT)
            .tags(TagArgs.builder().key("team").value("operations").build())
            .build());
    }
}
