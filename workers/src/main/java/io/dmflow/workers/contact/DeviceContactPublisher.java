package io.dmflow.workers.contact;

import io.camunda.client.CamundaClient;
import io.dmflow.contract.MessageName;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells waiting flows that their device is back: publishes {@code device.contact} when a device registers,
 * updates, wakes up or sends data, and {@code lwm2m.notification} for an observed value — only for devices
 * a flow waits on, with a short time-to-live, so fleet chatter never reaches the engine.
 */
public final class DeviceContactPublisher implements DeviceEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceContactPublisher.class);

    private final Supplier<CamundaClient> client;
    private final AwaitedDevices awaited;
    private final Duration timeToLive;

    /** @param client the engine's client, asked for at the first message (it may not exist before) */
    public DeviceContactPublisher(Supplier<CamundaClient> client, AwaitedDevices awaited, Duration timeToLive) {
        this.client = client;
        this.awaited = awaited;
        this.timeToLive = timeToLive;
    }

    @Override
    public void registered(DeviceRegistration registration) {
        contact(registration.endpoint());
    }

    @Override
    public void updated(DeviceRegistration registration) {
        contact(registration.endpoint());
    }

    @Override
    public void awake(DeviceRegistration registration) {
        contact(registration.endpoint());
    }

    @Override
    public void notified(DeviceRegistration registration, DeviceValue value) {
        if (awaited.isAwaited(value.endpoint())) {
            publish(MessageName.DEVICE_CONTACT, MessageName.contactKey(value.endpoint()), null);
            publish(
                    MessageName.LWM2M_NOTIFICATION,
                    MessageName.notificationKey(value.endpoint(), value.path()),
                    value.value());
        }
    }

    @Override
    public void sent(DeviceRegistration registration, List<DeviceValue> values) {
        contact(registration.endpoint());
    }

    /** Publishes {@code device.contact} for the device if a flow waits on it. */
    public void contact(String endpoint) {
        if (awaited.isAwaited(endpoint)) {
            publish(MessageName.DEVICE_CONTACT, MessageName.contactKey(endpoint), null);
        }
    }

    private void publish(String name, String correlationKey, Object value) {
        var command = client.get()
                .newPublishMessageCommand()
                .messageName(name)
                .correlationKey(correlationKey)
                .timeToLive(timeToLive);
        if (value != null) {
            command = command.variables(Map.of("value", value));
        }
        command.send().whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warn("Could not publish {} for {}: {}", name, correlationKey, failure.getMessage());
            }
        });
    }
}
