package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

// No stack sets aws:region: the key lives in whichever region the stack deploys to.
public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var sharedKey = new Key("shared", KeyArgs.builder().description("Incident Manager").build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(sharedKey.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(sharedKey.arn()).build())
            .build());
    }
}
