package io.dmflow.api.device;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** Keeps the device records in step with what devices tell the LwM2M server. */
@ApplicationScoped
public class DeviceRegistry implements DeviceEventListener {

    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);

    @Override
    @Transactional
    public void registered(DeviceRegistration registration) {
        Device device = Device.findByEndpoint(registration.endpoint());
        Instant now = Instant.now();
        if (device == null) {
            device = new Device();
            device.endpoint = registration.endpoint();
            device.firstRegisteredAt = registration.registeredAt();
            LOG.infof("New device %s registered from %s", registration.endpoint(), registration.address());
        }
        device.lastRegisteredAt = registration.registeredAt();
        copy(registration, device);
        device.state = DeviceState.ONLINE;
        device.lastContactAt = now;
        device.persist();
    }

    @Override
    @Transactional
    public void updated(DeviceRegistration registration) {
        Device device = Device.findByEndpoint(registration.endpoint());
        if (device == null) {
            registered(registration);
            return;
        }
        copy(registration, device);
        device.lastUpdatedAt = registration.lastUpdateAt();
        device.state = DeviceState.ONLINE;
        device.lastContactAt = Instant.now();
    }

    @Override
    @Transactional
    public void deregistered(DeviceRegistration registration) {
        // The device sent the Deregister itself: that is a contact, unlike an expiry.
        Device device = Device.findByEndpoint(registration.endpoint());
        if (device != null) {
            device.lastContactAt = Instant.now();
        }
        goOffline(registration);
    }

    @Override
    @Transactional
    public void expired(DeviceRegistration registration) {
        LOG.infof("Registration of device %s expired", registration.endpoint());
        goOffline(registration);
    }

    @Override
    @Transactional
    public void awake(DeviceRegistration registration) {
        Device device = Device.findByEndpoint(registration.endpoint());
        if (device != null) {
            device.state = DeviceState.ONLINE;
            device.lastContactAt = Instant.now();
        }
    }

    @Override
    @Transactional
    public void sleeping(DeviceRegistration registration) {
        Device device = Device.findByEndpoint(registration.endpoint());
        if (device != null && device.state == DeviceState.ONLINE) {
            device.state = DeviceState.SLEEPING;
        }
    }

    /**
     * Registrations live in the LwM2M server's memory: after a restart no device is reachable until it
     * registers again, and its record must say so.
     */
    @Transactional
    public int markAllOffline() {
        return Device.update("state = ?1, registrationExpiresAt = null where state <> ?1", DeviceState.OFFLINE);
    }

    /**
     * At start: every device whose registration the LwM2M server did not keep is offline until it registers again;
     * the others keep their state (an expired one goes offline when the server finds it expired).
     *
     * @param keptRegistrationIds the registrations the server kept from before the restart
     */
    @Transactional
    public int markOfflineUnlessRegistered(java.util.Set<String> keptRegistrationIds) {
        if (keptRegistrationIds.isEmpty()) {
            return markAllOffline();
        }
        return Device.update(
                "state = ?1, registrationExpiresAt = null where state <> ?1 "
                        + "and (registrationId is null or registrationId not in ?2)",
                DeviceState.OFFLINE,
                keptRegistrationIds);
    }

    private static void goOffline(DeviceRegistration registration) {
        Device device = Device.findByEndpoint(registration.endpoint());
        // A late event of an older registration must not take down the current one.
        if (device != null && registration.registrationId().equals(device.registrationId)) {
            device.state = DeviceState.OFFLINE;
            device.registrationExpiresAt = null;
        }
    }

    private static void copy(DeviceRegistration registration, Device device) {
        device.registrationId = registration.registrationId();
        device.lwm2mVersion = registration.lwm2mVersion();
        device.binding = registration.binding();
        device.queueMode = registration.queueMode();
        device.supportedObjects = new TreeMap<>(registration.supportedObjects());
        device.address = registration.address();
        device.lifetimeSeconds = registration.lifetimeSeconds();
        device.registrationExpiresAt = registration.expiresAt();
    }
}
