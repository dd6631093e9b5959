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
        var config = ctx.config();

        var east = new Key("incidents-east", KeyArgs.builder()
            .policy(serializeJson(
                jsonObject(
                    jsonProperty("Version", "2012-10-17"),
                    jsonProperty("Statement", jsonArray(jsonObject(
                        jsonProperty("Effect", "Allow"),
                        jsonProperty("Principal", jsonObject(
                            jsonProperty("AWS", "arn:aws:iam::111122223333:root")
                        )),
                        jsonProperty("Action", "kms:*"),
                        jsonProperty("Resource", "*")
                    )))
                )))
            .build());

        // The actions come from configuration: they may be anything.
        var west = new Key("incidents-west", KeyArgs.builder()
            .policy(serializeJson(
                jsonObject(
                    jsonProperty("Version", "2012-10-17"),
                    jsonProperty("Statement", jsonArray(jsonObject(
                        jsonProperty("Effect", "Allow"),
                        jsonProperty("Principal", jsonObject(
                            jsonProperty("AWS", "arn:aws:iam::111122223333:root")
                        )),
                        jsonProperty("Action", config.requireObject("keyActions", String[].class)),
                        jsonProperty("Resource", "*")
                    )))
                )))
            .build());

        // Used by no replication set: its policy is not Incident Manager's business.
        new Key("unrelated", KeyArgs.builder()
            .policy("{\"Version\": \"2012-10-17\", \"Statement\": []}")
            .build());

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").kmsKeyArn(east.arn()).build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").kmsKeyArn(west.arn()).build())
            .build());
    }
}
