package io.dmflow.api.registration;

import io.dmflow.api.database.Sql;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.eclipse.leshan.core.Destroyable;
import org.eclipse.leshan.core.Startable;
import org.eclipse.leshan.core.Stoppable;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.ObservationIdentifier;
import org.eclipse.leshan.core.peer.LwM2mIdentity;
import org.eclipse.leshan.server.registration.Deregistration;
import org.eclipse.leshan.server.registration.ExpirationListener;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationStore;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.registration.UpdatedRegistration;
import org.jboss.logging.Logger;

/**
 * Registrations and Leshan's observations kept in PostgreSQL, so that a restarted dmflow knows every device that was
 * registered and accepts the notifications of observations made before. Lookups (one per message a device sends)
 * are answered from Leshan's in-memory store, filled from PostgreSQL at start; every change is written through to
 * PostgreSQL before the call returns. The changes of one endpoint are made one at a time, in memory and in the
 * tables in the same order, so that the tables end as memory does; different endpoints change in parallel, so that
 * a fleet coming back at once is not taken in one commit after another.
 *
 * <p>One dmflow owns the tables: the embedded database is held by one process, and a shared server must not be used
 * by two dmflows' LwM2M servers at once.
 */
public final class PostgresRegistrationStore implements RegistrationStore, Startable, Stoppable, Destroyable {

    private static final Logger LOG = Logger.getLogger(PostgresRegistrationStore.class);

    private final Sql sql;
    private final InMemoryRegistrationStore memory;
    private final LeshanJson json = new LeshanJson();
    private final Object loading = new Object();
    // Striped rather than one lock per endpoint: a bounded number of monitors for any fleet size.
    private final Object[] endpointLocks = new Object[64];
    private volatile boolean loaded;

    /** @param expirationCheck how often registrations whose lifetime passed are looked for */
    public PostgresRegistrationStore(Sql sql, Duration expirationCheck) {
        this.sql = sql;
        this.memory = new InMemoryRegistrationStore(Math.max(1, expirationCheck.toSeconds()));
        for (int i = 0; i < endpointLocks.length; i++) {
            endpointLocks[i] = new Object();
        }
    }

    /** The ids of the registrations kept in PostgreSQL: the devices registered when dmflow last stopped. */
    public static Set<String> keptRegistrationIds(Sql sql) {
        return new HashSet<>(
                sql.list("SELECT registration_id FROM dmflow.lwm2m_registration", row -> row.getString(1)));
    }

    /** Fills memory from PostgreSQL (once), then starts looking for expired registrations. */
    @Override
    public void start() {
        synchronized (loading) {
            if (!loaded) {
                load();
                loaded = true;
            }
        }
        memory.start();
    }

    @Override
    public void stop() {
        memory.stop();
    }

    @Override
    public void destroy() {
        memory.destroy();
    }

    // ---- registrations

    @Override
    public Deregistration addRegistration(Registration registration) {
        synchronized (lockOfEndpoint(registration.getEndpoint())) {
            Deregistration replaced = memory.addRegistration(registration);
            transaction(connection -> {
                // The endpoint's earlier registration goes with its observations (ON DELETE CASCADE).
                execute(
                        connection,
                        "DELETE FROM dmflow.lwm2m_registration WHERE endpoint = ?",
                        registration.getEndpoint());
                insert(connection, registration);
            });
            return replaced;
        }
    }

    @Override
    public UpdatedRegistration updateRegistration(RegistrationUpdate update) {
        synchronized (lockOf(update.getRegistrationId())) {
            UpdatedRegistration updated = memory.updateRegistration(update);
            if (updated != null) {
                Registration now = updated.getUpdatedRegistration();
                transaction(connection -> {
                    int changed = Sql.update(
                            connection,
                            "UPDATE dmflow.lwm2m_registration SET expires_at = ?, registration = ?::jsonb "
                                    + "WHERE registration_id = ?",
                            new Timestamp(now.getExpirationTimeStamp()),
                            json.registration(now),
                            now.getId());
                    if (changed == 0) {
                        insert(connection, now);
                    }
                });
            }
            return updated;
        }
    }

    @Override
    public Registration getRegistration(String registrationId) {
        return memory.getRegistration(registrationId);
    }

    @Override
    public Registration getRegistrationByEndpoint(String endpoint) {
        return memory.getRegistrationByEndpoint(endpoint);
    }

    @Override
    public Registration getRegistrationByAdress(InetSocketAddress address) {
        return memory.getRegistrationByAdress(address);
    }

    @Override
    public Registration getRegistrationByIdentity(LwM2mIdentity identity) {
        return memory.getRegistrationByIdentity(identity);
    }

    @Override
    public Iterator<Registration> getAllRegistrations() {
        return memory.getAllRegistrations();
    }

    @Override
    public Deregistration removeRegistration(String registrationId) {
        synchronized (lockOf(registrationId)) {
            Deregistration removed = memory.removeRegistration(registrationId);
            if (removed != null) {
                forget(registrationId);
            }
            return removed;
        }
    }

    // ---- observations

    @Override
    public Collection<Observation> addObservation(String registrationId, Observation observation, boolean addIfAbsent) {
        synchronized (lockOf(registrationId)) {
            Collection<Observation> removed = memory.addObservation(registrationId, observation, addIfAbsent);
            Observation kept = memory.getObservation(observation.getId());
            transaction(connection -> {
                for (Observation old : removed) {
                    execute(
                            connection,
                            "DELETE FROM dmflow.lwm2m_observation WHERE observation_id = ?",
                            LeshanJson.key(old.getId()));
                }
                if (kept != null) {
                    Sql.update(
                            connection,
                            "INSERT INTO dmflow.lwm2m_observation (observation_id, registration_id, observation) "
                                    + "VALUES (?, ?, ?::jsonb) ON CONFLICT (observation_id) DO UPDATE "
                                    + "SET registration_id = EXCLUDED.registration_id, observation = EXCLUDED.observation",
                            LeshanJson.key(kept.getId()),
                            kept.getRegistrationId(),
                            json.observation(kept));
                }
            });
            return removed;
        }
    }

    @Override
    public Observation getObservation(String registrationId, ObservationIdentifier observationId) {
        return memory.getObservation(registrationId, observationId);
    }

    @Override
    public Observation getObservation(ObservationIdentifier observationId) {
        return memory.getObservation(observationId);
    }

    @Override
    public Observation removeObservation(String registrationId, ObservationIdentifier observationId) {
        synchronized (lockOf(registrationId)) {
            Observation removed = memory.removeObservation(registrationId, observationId);
            if (removed != null) {
                transaction(connection -> execute(
                        connection,
                        "DELETE FROM dmflow.lwm2m_observation WHERE observation_id = ?",
                        LeshanJson.key(observationId)));
            }
            return removed;
        }
    }

    @Override
    public Collection<Observation> getObservations(String registrationId) {
        return memory.getObservations(registrationId);
    }

    @Override
    public Collection<Observation> removeObservations(String registrationId) {
        synchronized (lockOf(registrationId)) {
            Collection<Observation> removed = memory.removeObservations(registrationId);
            transaction(connection -> execute(
                    connection, "DELETE FROM dmflow.lwm2m_observation WHERE registration_id = ?", registrationId));
            return removed;
        }
    }

    @Override
    public void setExpirationListener(ExpirationListener listener) {
        memory.setExpirationListener((registration, observations) -> {
            synchronized (lockOfEndpoint(registration.getEndpoint())) {
                // Only if memory still has no newer registration of the endpoint: the row is this one's.
                forget(registration.getId());
            }
            if (listener != null) {
                listener.registrationExpired(registration, observations);
            }
        });
    }

    // ---- order per endpoint

    private Object lockOfEndpoint(String endpoint) {
        return endpointLocks[Math.floorMod(endpoint.hashCode(), endpointLocks.length)];
    }

    /**
     * The lock of the endpoint a registration belongs to. A registration memory no longer knows has nothing left to
     * order against (its endpoint's newer registration has an id of its own), so any lock does.
     */
    private Object lockOf(String registrationId) {
        Registration registration = memory.getRegistration(registrationId);
        return registration == null
                ? endpointLocks[Math.floorMod(registrationId.hashCode(), endpointLocks.length)]
                : lockOfEndpoint(registration.getEndpoint());
    }

    // ---- PostgreSQL

    private void load() {
        List<Registration> registrations = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        sql.connection(connection -> {
            registrations.addAll(Sql.list(
                    connection,
                    "SELECT registration FROM dmflow.lwm2m_registration",
                    row -> json.registration(row.getString(1))));
            observations.addAll(Sql.list(
                    connection,
                    "SELECT observation FROM dmflow.lwm2m_observation",
                    row -> json.observation(row.getString(1))));
            return null;
        });
        registrations.forEach(memory::addRegistration);
        observations.forEach(observation -> memory.addObservation(observation.getRegistrationId(), observation, false));
        if (!registrations.isEmpty()) {
            LOG.infof(
                    "%d LwM2M registrations and %d observations kept from before the restart",
                    registrations.size(), observations.size());
        }
    }

    private void forget(String registrationId) {
        transaction(connection ->
                execute(connection, "DELETE FROM dmflow.lwm2m_registration WHERE registration_id = ?", registrationId));
    }

    private void insert(Connection connection, Registration registration) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO dmflow.lwm2m_registration (registration_id, endpoint, expires_at, registration) "
                        + "VALUES (?, ?, ?, ?::jsonb)",
                registration.getId(),
                registration.getEndpoint(),
                new Timestamp(registration.getExpirationTimeStamp()),
                json.registration(registration));
    }

    private static void execute(Connection connection, String statement, String parameter) throws SQLException {
        Sql.update(connection, statement, parameter);
    }

    private interface Change {
        void run(Connection connection) throws SQLException;
    }

    /** One change, in a transaction of its own. */
    private void transaction(Change change) {
        sql.transaction(connection -> {
            change.run(connection);
            return null;
        });
    }
}
