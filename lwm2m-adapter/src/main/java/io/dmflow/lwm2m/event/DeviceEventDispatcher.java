package io.dmflow.lwm2m.event;

import io.dmflow.lwm2m.logging.LogRateLimit;
import io.dmflow.lwm2m.pacing.ReportPacing;
import io.dmflow.lwm2m.value.PlainValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.TimestampedLwM2mNode;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.send.SendListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns Leshan's registration, presence, observation and Send callbacks into {@link DeviceEventListener} events. */
public final class DeviceEventDispatcher
        implements RegistrationListener, PresenceListener, ObservationListener, SendListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventDispatcher.class);

    /**
     * Reports (notifications, Sends) handled per device and second by default: far above what a flow or a dashboard
     * uses, far below what one runaway device would cost the fleet (each report is a database transaction).
     */
    public static final int REPORTS_PER_DEVICE_AND_SECOND = 20;

    private final DeviceEventLanes lanes;
    private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ReportPacing pacing;
    private final LogRateLimit leftOutLog = new LogRateLimit(Clock.systemUTC(), Duration.ofMinutes(1), 10_000);

    /** @param reportsPerSecond the reports of one device handled per second; the rest are left out */
    public DeviceEventDispatcher(DeviceEventLanes lanes, int reportsPerSecond) {
        this.lanes = lanes;
        this.pacing = new ReportPacing(reportsPerSecond);
    }

    public void addListener(DeviceEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeviceEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void registered(
            Registration registration,
            Registration previousRegistration,
            Collection<Observation> previousObservations) {
        publish(registration, DeviceEventListener::registered);
    }

    @Override
    public void updated(
            RegistrationUpdate update, Registration updatedRegistration, Registration previousRegistration) {
        publish(updatedRegistration, DeviceEventListener::updated);
    }

    @Override
    public void unregistered(
            Registration registration,
            Collection<Observation> observations,
            boolean expired,
            Registration newRegistration) {
        if (newRegistration != null) {
            // Replaced by a new registration of the same endpoint: registered() reports that one.
            return;
        }
        pacing.forget(registration.getEndpoint());
        publish(registration, expired ? DeviceEventListener::expired : DeviceEventListener::deregistered);
    }

    @Override
    public void onAwake(Registration registration) {
        publish(registration, DeviceEventListener::awake);
    }

    @Override
    public void onSleeping(Registration registration) {
        publish(registration, DeviceEventListener::sleeping);
    }

    @Override
    public void newObservation(Observation observation, Registration registration) {}

    @Override
    public void cancelled(Observation observation) {}

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        if (!admitReport(registration.getEndpoint())) {
            return;
        }
        Instant now = Instant.now();
        List<DeviceValue> values = new ArrayList<>();
        if (response.getTimestampedLwM2mNodes() != null
                && !response.getTimestampedLwM2mNodes().isEmpty()) {
            for (TimestampedLwM2mNode timestamped : response.getTimestampedLwM2mNodes()) {
                Instant at = timestamped.getTimestamp() == null ? now : timestamped.getTimestamp();
                values.add(value(registration.getEndpoint(), observation.getPath(), timestamped.getNode(), at));
            }
        } else if (response.getContent() != null) {
            values.add(value(registration.getEndpoint(), observation.getPath(), response.getContent(), now));
        }
        DeviceRegistration snapshot = DeviceRegistration.of(registration);
        for (DeviceEventListener listener : listeners) {
            lanes.submit(snapshot.endpoint(), () -> values.forEach(value -> listener.notified(snapshot, value)));
        }
    }

    @Override
    public void onResponse(
            CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        if (!admitReport(registration.getEndpoint())) {
            return;
        }
        Instant now = Instant.now();
        List<DeviceValue> values = new ArrayList<>();
        for (Map.Entry<LwM2mPath, LwM2mNode> entry : response.getContent().entrySet()) {
            if (entry.getValue() != null) {
                values.add(value(registration.getEndpoint(), entry.getKey(), entry.getValue(), now));
            }
        }
        DeviceRegistration snapshot = DeviceRegistration.of(registration);
        for (DeviceEventListener listener : listeners) {
            lanes.submit(snapshot.endpoint(), () -> values.forEach(value -> listener.notified(snapshot, value)));
        }
    }

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {
        LOG.warn(
                "Notification of {} from {} could not be read: {}",
                observation,
                registration.getEndpoint(),
                error.toString());
    }

    @Override
    public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
        if (!admitReport(registration.getEndpoint())) {
            return;
        }
        List<DeviceValue> values = new ArrayList<>();
        collect(registration.getEndpoint(), data, Instant.now(), values);
        DeviceRegistration snapshot = DeviceRegistration.of(registration);
        for (DeviceEventListener listener : listeners) {
            lanes.submit(snapshot.endpoint(), () -> listener.sent(snapshot, List.copyOf(values)));
        }
    }

    @Override
    public void onError(Registration registration, String errorMessage, Exception error) {
        LOG.warn("Send from {} could not be read: {}", registration.getEndpoint(), errorMessage);
    }

    private boolean admitReport(String endpoint) {
        if (pacing.admit(endpoint, System.nanoTime())) {
            return true;
        }
        OptionalLong leftOutBefore = leftOutLog.admit(endpoint);
        if (leftOutBefore.isPresent()) {
            LOG.warn(
                    "Device {} reports more than {} values a second; the reports beyond that are left out ({} more left out"
                            + " since the last such line)",
                    endpoint,
                    pacing.perSecond(),
                    leftOutBefore.getAsLong());
        }
        return false;
    }

    private static void collect(String endpoint, TimestampedLwM2mNodes data, Instant now, List<DeviceValue> values) {
        for (Instant timestamp : data.getTimestamps()) {
            Instant at = timestamp == null ? now : timestamp;
            data.getNodesAt(timestamp).forEach((path, node) -> {
                if (node != null) {
                    values.add(value(endpoint, path, node, at));
                }
            });
        }
    }

    private static DeviceValue value(String endpoint, LwM2mPath path, LwM2mNode node, Instant at) {
        return new DeviceValue(endpoint, path.toString(), PlainValues.of(node), at);
    }

    private void publish(Registration registration, BiConsumer<DeviceEventListener, DeviceRegistration> event) {
        DeviceRegistration snapshot = DeviceRegistration.of(registration);
        for (DeviceEventListener listener : listeners) {
            lanes.submit(snapshot.endpoint(), () -> event.accept(listener, snapshot));
        }
    }
}
