package io.dmflow.api.metrics;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code dmflow.registrations} by {@code event}: what devices did to their registrations, counted since start. */
final class RegistrationCounters implements DeviceEventListener {

    private final Counter registered;
    private final Counter updated;
    private final Counter deregistered;
    private final Counter expired;

    RegistrationCounters(MeterRegistry registry) {
        this.registered = counter(registry, "new");
        this.updated = counter(registry, "update");
        this.deregistered = counter(registry, "deregistration");
        this.expired = counter(registry, "expiry");
    }

    private static Counter counter(MeterRegistry registry, String event) {
        return Counter.builder("dmflow.registrations")
                .description("Registrations (new), registration updates, deregistrations and expiries")
                .tag("event", event)
                .register(registry);
    }

    @Override
    public void registered(DeviceRegistration registration) {
        registered.increment();
    }

    @Override
    public void updated(DeviceRegistration registration) {
        updated.increment();
    }

    @Override
    public void deregistered(DeviceRegistration registration) {
        deregistered.increment();
    }

    @Override
    public void expired(DeviceRegistration registration) {
        expired.increment();
    }
}
