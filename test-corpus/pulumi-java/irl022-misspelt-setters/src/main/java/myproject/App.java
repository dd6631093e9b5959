package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var key = new Key("east");
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().regionName("us-east-1").kmsKeyId(key.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .tag(Map.of("team", "operations"))
            .build(),
            CustomResourceOptions.builder().protect(true).build());
    }
}
