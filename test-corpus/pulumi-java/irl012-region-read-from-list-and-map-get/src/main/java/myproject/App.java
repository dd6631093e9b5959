package myproject;

import static java.util.Map.entry;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import java.util.List;
import java.util.Map;

public class App {
    static final List<String> REGIONS = List.of("us-east-1", "us-wset-2");
    static final Map<String, String> BACKUP = Map.ofEntries(entry("region", "eu-wset-1"));

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name(REGIONS.get(0)).build(),
                ReplicationSetRegionArgs.builder().name(REGIONS.get(1)).build(),
                ReplicationSetRegionArgs.builder().name(BACKUP.get("region")).build())
            .build());
    }
}
