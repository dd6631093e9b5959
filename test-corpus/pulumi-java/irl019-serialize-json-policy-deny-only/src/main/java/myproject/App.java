package myproject;

import static com.pulumi.codegen.internal.Serialization.*;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var denyOutsideAccount = jsonObject(
            jsonProperty("Sid", "DenyOutsideAccount"),
            jsonProperty("Effect", "Deny"),
            jsonProperty("Principal", "*"),
            jsonProperty("Action", "kms:*"),
            jsonProperty("Resource", "*"),
            jsonProperty("Condition", jsonObject(
                jsonProperty("StringNotEquals", jsonObject(
                    jsonProperty("aws:PrincipalAccount", "111122223333")
                ))
            ))
        );

        var key = new Key("incidents", KeyArgs.builder()
            .description("Incident Manager")
            .policy(serializeJson(
                jsonObject(
                    jsonProperty("Version", "2012-10-17"),
                    jsonProperty("Statement", jsonArray(
                        denyOutsideAccount,
                        jsonObject(
                            jsonProperty("Effect", "Allow"),
                            jsonProperty("Principal", jsonObject(
                                jsonProperty("AWS", "arn:aws:iam::111122223333:role/application")
                            )),
                            jsonProperty("Action", jsonArray("kms:Encrypt", "kms:Decrypt")),
                            jsonProperty("Resource", "*")
                        )
                    ))
                )))
            .build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(key.arn()).build(),
                ReplicationSetRegionArgs.builder()
                    .name("us-west-2")
                    .kmsKeyArn("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                    .build())
            .build());
    }
}
