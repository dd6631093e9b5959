package myproject;

import java.util.Map;

final class CommonTags {
    static final Map<String, String> ALL = Map.of(
        "team", "operations",
        "owner", );

    private CommonTags() {}
}
