package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;
import com.pulumi.resources.CustomResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var west = new Provider("west", ProviderArgs.builder().region("us-west-2").build());
        var inWest = CustomResourceOptions.builder().provider(west).build();

        var eastKey = new Key("east", KeyArgs.builder().description("Incident Manager, us-east-1").build());
        var westKey = new Key("west", KeyArgs.builder().description("Incident Manager, us-west-2").build(), inWest);
        var westAlias = new Alias("west", AliasArgs.builder()
            .name("alias/incidents-west")
            .targetKeyId(westKey.keyId())
            .build(), inWest);

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(eastKey.keyId()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(westAlias.arn()).build(),
                ReplicationSetRegionArgs.builder()
                    .name("eu-west-1")
                    .kmsKeyArn("arn:aws:kms:eu-west-1:111122223333:alias/incidents")
                    .build())
            .build());
    }
}
