package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

class Settings {
    String primary = "eu-centrl-1";
    String standby;

    Settings() {
        standby = "eu-wset-1";
    }

    String getArchive() {
        return "us-esat-1";
    }
}

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var settings = new Settings();

        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name(new Settings().primary).build(),
                ReplicationSetRegionArgs.builder().name(settings.standby).build(),
                ReplicationSetRegionArgs.builder().name(new Settings().getArchive()).build())
            .build());
    }
}
