package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import java.util.Map;

public class App {
    private static final String COST_CENTER = "1234";

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var config = ctx.config();

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .tags(Map.ofEntries(
                Map.entry("team", "platform-reliability-engineering"),
                Map.entry("costCenter", COST_CENTER),
                Map.entry("version", "1.4.2"),
                Map.entry("created", "2024-01-15"),
                Map.entry("runbook", "arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024"),
                Map.entry("requestId", "123e4567-e89b-12d3-a456-426614174000"),
                Map.entry("commit", "9fceb02d0ae598e95dc970b74767f19372d61af8"),
                Map.entry("component", "IncidentManagerReplicationSetPrimary"),
                Map.entry("owner", config.require("owner"))))
            .build());
    }
}
