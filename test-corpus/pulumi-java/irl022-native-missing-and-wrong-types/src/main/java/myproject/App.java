package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.awsnative.inputs.TagArgs;
import com.pulumi.awsnative.ssmincidents.ReplicationSet;
import com.pulumi.awsnative.ssmincidents.ReplicationSetArgs;
import com.pulumi.awsnative.ssmincidents.inputs.ReplicationSetRegionConfigurationArgs;
import com.pulumi.awsnative.ssmincidents.inputs.ReplicationSetReplicationRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(ReplicationSetReplicationRegionArgs.builder()
                .regionConfiguration(ReplicationSetRegionConfigurationArgs.builder()
                    .sseKmsKeyId("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                    .build())
                .build())
            .deletionProtected("yes please")
            .tags(TagArgs.builder().key("team").build())
            .build());
    }
}
