package io.dmflow.api.builtin;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The built-in task tests see a device that dropped off within seconds, not after the production request and
 * block-wise transfer timeouts; a job failed on dmflow's own fault is tried again after a second.
 */
public class BuiltInTaskSettings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "dmflow.lwm2m.request-timeout",
                "2s",
                "dmflow.lwm2m.block-transfer-timeout",
                "3s",
                "dmflow.workers.retry-backoff",
                "1s");
    }
}
