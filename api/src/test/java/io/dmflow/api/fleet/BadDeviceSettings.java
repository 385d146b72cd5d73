package io.dmflow.api.fleet;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A device that does not answer is given up after {@value #REQUEST_TIMEOUT_SECONDS} s rather than the production 30 s,
 * so that the execution of the device that never answers ends within the test. Long enough that a well-behaved device's
 * task held up behind that request stands out from the stalls of a busy 2-core machine (up to about two seconds, seen
 * in CI with a p99 of 2.1 s where the machine alone gave 1.1 s).
 */
public class BadDeviceSettings implements QuarkusTestProfile {

    static final int REQUEST_TIMEOUT_SECONDS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dmflow.lwm2m.request-timeout", REQUEST_TIMEOUT_SECONDS + "s");
    }
}
