package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import java.util.Map;

public class App {
    private static final String ESCALATION_PHONE = "+47 998 87 766";

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .tags(Map.of(
                "owner", "jane.doe@example.com",
                "escalation", ESCALATION_PHONE,
                "ciAccessKey", "AKIAIOSFODNN7EXAMPLE",
                "webhookToken", "q8Vz2LrT0wXe5NbKy7Hd4PcA",
                "oncall-lead@example.com", "primary"))
            .build());
    }
}
