package io.dmflow.workers.firmware;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object instance a package is delivered to, and where its resources sit: Firmware Update {@code /5/0} (Package 0,
 * Package URI 1, State 3) or a Software Management instance {@code /9/x} (Package 2, Package URI 3, Update State 7).
 * {@code received} are the states in which the device already holds a package the flow has just sent: it is then not
 * sent again.
 */
record PackageTarget(
        String instance, int packageResource, int packageUriResource, int stateResource, Set<Long> received) {

    static final String FIRMWARE = "/5/0";

    private static final Pattern INSTANCE = Pattern.compile("/?(\\d+)/(\\d+)");

    /** {@code path} names an instance of Object 5 or 9, e.g. {@code /9/1}. */
    static PackageTarget of(String path) {
        Matcher matcher = INSTANCE.matcher(path.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be an object instance such as /5/0 or /9/0, not " + path);
        }
        String instance = "/" + matcher.group(1) + "/" + matcher.group(2);
        return switch (matcher.group(1)) {
            // Downloading, Downloaded
            case "5" -> new PackageTarget(instance, 0, 1, 3, Set.of(1L, 2L));
            // Download started, Downloaded, Delivered
            case "9" -> new PackageTarget(instance, 2, 3, 7, Set.of(1L, 2L, 3L));
            default ->
                throw new IllegalArgumentException(
                        "must be an instance of Firmware Update (5) or Software Management (9), not " + path);
        };
    }

    String packageKey() {
        return instance + "/" + packageResource;
    }

    String packageUriKey() {
        return instance + "/" + packageUriResource;
    }

    String stateKey() {
        return instance + "/" + stateResource;
    }
}
