package myproject;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.resources.CustomResourceOptions;

/** The replication set's key, in Oregon. */
final class IncidentKeys {
    static final String REGION = "us-west-2";

    private IncidentKeys() {}

    static Key create() {
        var oregon = new Provider("oregon", ProviderArgs.builder().region(REGION).build());
        return new Key("incidents",
            KeyArgs.builder().description("Incident Manager").build(),
            CustomResourceOptions.builder().provider(oregon).build());
    }
}
