package io.dmflow.api.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.database.Sql;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.registration.RegistrationStoreContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationStore;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store keeps the contract the management server relies on, and a new store on the same database (a
 * restarted dmflow) finds the registrations and observations the old one held, as they were last.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PostgresRegistrationStoreTest extends RegistrationStoreContract {

    @Inject
    Sql sql;

    @Override
    protected RegistrationStore newStore() {
        // The application's own LwM2M server shares the tables; the contract's registrations are the "reg-" ones.
        sql.update("DELETE FROM dmflow.lwm2m_registration WHERE registration_id LIKE 'reg-%'");
        return new PostgresRegistrationStore(sql, EXPIRATION_CHECK);
    }

    @Test
    void aRestartedStoreFindsTheRegistrationsAndObservationsAsTheyWereLast() {
        store.addRegistration(psk("reg-1", "dev-1", 40001));
        store.addRegistration(noSec("reg-2", "dev-2", 40002));
        store.addRegistration(noSec("reg-3", "dev-3", 40003));
        Registration updated = store.updateRegistration(new RegistrationUpdate(
                        "reg-2",
                        store.getRegistration("reg-2").getClientTransportData(),
                        900L,
                        null,
                        null,
                        links("</1/0>,</3/0>,</3303/0>"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .getUpdatedRegistration();
        store.removeRegistration("reg-3");
        Observation kept = single("reg-1", 1, "/3/0/15");
        Observation cancelled = single("reg-1", 2, "/5/0/3");
        store.addObservation("reg-1", kept, false);
        store.addObservation("reg-1", cancelled, false);
        store.removeObservation("reg-1", cancelled.getId());
        Registration registered = store.getRegistration("reg-1");

        close(store);
        RegistrationStore restarted = new PostgresRegistrationStore(sql, EXPIRATION_CHECK);
        ((PostgresRegistrationStore) restarted).start();
        try {
            assertSameRegistration(restarted.getRegistration("reg-1"), registered);
            assertThat(restarted.getRegistration("reg-1")).isEqualTo(registered);
            assertSameRegistration(restarted.getRegistrationByEndpoint("dev-2"), updated);
            assertThat(restarted.getRegistration("reg-2").getLifeTimeInSec()).isEqualTo(900L);
            assertThat(restarted.getRegistration("reg-3")).isNull();
            assertThat(restarted.getObservations("reg-1")).containsExactly(kept);
            Observation found = restarted.getObservation(kept.getId());
            assertThat(found.getProtocolData()).isEqualTo(kept.getProtocolData());
            assertThat(found.getContext()).isEqualTo(kept.getContext());
            assertThat(restarted.getObservation(cancelled.getId())).isNull();
        } finally {
            close(restarted);
            // The contract's @AfterEach closes the field again: give it a live store to close.
            store = new PostgresRegistrationStore(sql, EXPIRATION_CHECK);
        }
    }

    @Test
    void devicesChangingAtOnceLeaveTheTablesAsMemoryIs() throws Exception {
        // Each device registers, updates and registers anew one step after another, as a device does; 16 devices
        // do so at the same time, as a fleet coming back does. A store started again must find what memory holds.
        int devices = 16;
        ExecutorService fleet = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                int device = d;
                done.add(fleet.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        String id = "reg-c" + device + "-" + round;
                        store.addRegistration(noSec(id, "dev-c" + device, 41000 + device));
                        for (long lifetime = 100; lifetime < 105; lifetime++) {
                            store.updateRegistration(new RegistrationUpdate(
                                    id,
                                    store.getRegistration(id).getClientTransportData(),
                                    lifetime + round,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null));
                        }
                    }
                }));
            }
            for (Future<?> device : done) {
                device.get();
            }
        } finally {
            fleet.shutdownNow();
        }
        Map<String, Registration> inMemory = new HashMap<>();
        for (int d = 0; d < devices; d++) {
            inMemory.put("dev-c" + d, store.getRegistrationByEndpoint("dev-c" + d));
        }

        close(store);
        PostgresRegistrationStore restarted = new PostgresRegistrationStore(sql, EXPIRATION_CHECK);
        restarted.start();
        try {
            assertThat(sql.number("SELECT count(*) FROM dmflow.lwm2m_registration WHERE endpoint LIKE 'dev-c%'"))
                    .as("one row per device")
                    .isEqualTo(devices);
            inMemory.forEach((endpoint, registration) -> {
                Registration found = restarted.getRegistrationByEndpoint(endpoint);
                assertThat(found.getId())
                        .as(endpoint)
                        .isEqualTo(registration.getId())
                        .endsWith("-2");
                assertThat(found.getLifeTimeInSec()).as(endpoint).isEqualTo(106L);
            });
        } finally {
            close(restarted);
            store = new PostgresRegistrationStore(sql, EXPIRATION_CHECK);
        }
    }
}
