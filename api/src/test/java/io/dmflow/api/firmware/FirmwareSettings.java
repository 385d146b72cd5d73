package io.dmflow.api.firmware;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Firmware tests see a device that dropped off within seconds, not after the production request timeouts, and a
 * firmware quota of {@value #QUOTA} slots; a job failed on dmflow's own fault is tried again after a second.
 */
public class FirmwareSettings implements QuarkusTestProfile {

    static final int QUOTA = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "dmflow.lwm2m.request-timeout",
                "2s",
                "dmflow.lwm2m.block-transfer-timeout",
                "3s",
                "dmflow.quota.firmware",
                Integer.toString(QUOTA),
                "dmflow.workers.retry-backoff",
                "1s");
    }
}
