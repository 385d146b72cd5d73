package io.dmflow.api.fleet;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A device that does not answer is given up after {@value #REQUEST_TIMEOUT_SECONDS} s rather than the production 30 s,
 * so that the execution of the device that never answers ends within the test.
 */
public class BadDeviceSettings implements QuarkusTestProfile {

    static final int REQUEST_TIMEOUT_SECONDS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dmflow.lwm2m.request-timeout", REQUEST_TIMEOUT_SECONDS + "s");
    }
}
