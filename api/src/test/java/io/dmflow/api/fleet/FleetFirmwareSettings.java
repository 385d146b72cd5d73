package io.dmflow.api.fleet;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The fleet firmware update sees a device that dropped off within seconds rather than after the production
 * timeouts, knows a queue-mode device is asleep a few seconds after its last message (as the simulated ones are),
 * and caps transfers at {@value #QUOTA} devices.
 */
public class FleetFirmwareSettings implements QuarkusTestProfile {

    static final int QUOTA = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "dmflow.lwm2m.request-timeout", "3s",
                "dmflow.lwm2m.block-transfer-timeout", "5s",
                "dmflow.lwm2m.queue.awake-time", "5s",
                "dmflow.quota.firmware", Integer.toString(QUOTA));
    }
}
