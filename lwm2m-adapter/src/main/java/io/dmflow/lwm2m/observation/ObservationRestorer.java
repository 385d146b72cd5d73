package io.dmflow.lwm2m.observation;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new registration starts without observations (the device rebooted, or this server restarted and
 * lost its state): set up again every observation operators asked for.
 */
public final class ObservationRestorer implements DeviceEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationRestorer.class);

    private final ObservationRecords records;
    private final DeviceObservations observations;

    public ObservationRestorer(ObservationRecords records, DeviceObservations observations) {
        this.records = records;
        this.observations = observations;
    }

    @Override
    public void registered(DeviceRegistration registration) {
        Set<String> paths = records.observedPaths(registration.endpoint());
        for (String path : paths) {
            observations.observe(registration.endpoint(), path).whenComplete((result, failure) -> {
                if (failure != null) {
                    LOG.warn(
                            "Could not observe {} on {} again after its registration: {}",
                            path,
                            registration.endpoint(),
                            failure.getMessage());
                } else {
                    LOG.debug("Observing {} on {} again", path, registration.endpoint());
                }
            });
        }
    }
}
