package io.dmflow.api.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.database.Sql;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** Keeps the device records in step with what devices tell the LwM2M server. */
@ApplicationScoped
public class DeviceRegistry implements DeviceEventListener {

    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

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

    /**
     * Updates come from every device at each of its lifetimes and on every wake-up of a queue-mode device: one plain
     * statement changes the row, rather than the entity (objects list and all) loaded, compared and flushed in a
     * transaction.
     */
    @Override
    public void updated(DeviceRegistration registration) {
        int changed;
        try {
            changed = sql.update(
                    """
                    UPDATE dmflow.device SET registration_id = ?, lwm2m_version = ?, binding = ?, queue_mode = ?,
                        supported_objects = ?::jsonb, address = ?, lifetime_seconds = ?, registration_expires_at = ?,
                        last_updated_at = ?, state = 'ONLINE', last_contact_at = ?
                    WHERE endpoint = ?""",
                    registration.registrationId(),
                    registration.lwm2mVersion(),
                    registration.binding(),
                    registration.queueMode(),
                    json.writeValueAsString(new TreeMap<>(registration.supportedObjects())),
                    registration.address(),
                    registration.lifetimeSeconds(),
                    Sql.timestamp(registration.expiresAt()),
                    Sql.timestamp(registration.lastUpdateAt()),
                    Sql.timestamp(Instant.now()),
                    registration.endpoint());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The objects of " + registration.endpoint() + " have no JSON form", e);
        }
        if (changed == 0) {
            registered(registration);
        }
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

    /** Each wake-up of a queue-mode device: one plain statement, as for an update. */
    @Override
    public void awake(DeviceRegistration registration) {
        sql.update(
                "UPDATE dmflow.device SET state = 'ONLINE', last_contact_at = ? WHERE endpoint = ?",
                Sql.timestamp(Instant.now()),
                registration.endpoint());
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
