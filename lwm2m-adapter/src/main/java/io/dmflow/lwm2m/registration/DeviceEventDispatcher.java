package io.dmflow.lwm2m.registration;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/** Turns Leshan's registration and presence callbacks into {@link DeviceEventListener} events. */
public final class DeviceEventDispatcher implements RegistrationListener, PresenceListener {

    private final DeviceEventLanes lanes;
    private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();

    public DeviceEventDispatcher(DeviceEventLanes lanes) {
        this.lanes = lanes;
    }

    public void addListener(DeviceEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeviceEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void registered(Registration registration, Registration previousRegistration,
            Collection<Observation> previousObservations) {
        publish(registration, DeviceEventListener::registered);
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updatedRegistration,
            Registration previousRegistration) {
        publish(updatedRegistration, DeviceEventListener::updated);
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        if (newRegistration != null) {
            // Replaced by a new registration of the same endpoint: registered() reports that one.
            return;
        }
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

    private void publish(Registration registration, BiConsumer<DeviceEventListener, DeviceRegistration> event) {
        DeviceRegistration snapshot = DeviceRegistration.of(registration);
        for (DeviceEventListener listener : listeners) {
            lanes.submit(snapshot.endpoint(), () -> event.accept(listener, snapshot));
        }
    }
}
