package io.dmflow.api.execution;

import static io.dmflow.api.testing.TaskApi.awaitDeviceState;
import static io.dmflow.api.testing.TaskApi.awaitStatus;
import static io.dmflow.api.testing.TaskApi.executionOf;
import static io.dmflow.api.testing.TaskApi.saveTemplate;
import static io.dmflow.api.testing.TaskApi.status;
import static io.dmflow.api.testing.TaskApi.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.contract.ExecutionStatus;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A crash can come between the engine creating an execution's process instance and dmflow recording its key.
 * The execution is then found again in the engine and not run a second time; only a start that never reached
 * the engine runs again.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class InterruptedStartTest {

    @Inject
    DeviceManagementServer server;

    @Inject
    ProcessStarter starter;

    @Inject
    EngineClient engine;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    private SimulatedFleet device(String endpoint) {
        return SimulatedFleet.builder()
                .serverUri(coap())
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT);
    }

    /** A queued execution of a device that is offline, whose start is then interrupted as a crash would. */
    private String queuedOnOfflineDevice(String endpoint, String value) {
        try (SimulatedFleet first = device(endpoint)) {
            awaitDeviceState(endpoint, "online");
        }
        awaitDeviceState(endpoint, "offline");
        saveTemplate("tz-" + endpoint, "<config><set key=\"/3/0/15\" value=\"" + value + "\"/></config>");
        String execution = executionOf(
                submit("{\"template\": \"tz-" + endpoint + "\", \"target\": {\"device\": \"" + endpoint + "\"}}"));
        assertThat(status(execution)).isEqualTo("QUEUED");
        // What the scheduler's decision leaves behind when the process dies right after it: started, no instance.
        QuarkusTransaction.requiringNew().run(() -> {
            Execution row = Execution.findById(execution);
            row.status = ExecutionStatus.IN_PROGRESS;
            row.startedAt = Instant.now().minus(Duration.ofMinutes(2));
        });
        return execution;
    }

    private long instancesOf(String execution) {
        return engine.client()
                .newProcessInstanceSearchRequest()
                .filter(filter -> filter.businessId(execution))
                .send()
                .join()
                .page()
                .totalItems();
    }

    private static Long recordedKey(String execution) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Execution.<Execution>findById(execution).processInstanceKey);
    }

    @Test
    void anInstanceCreatedBeforeTheCrashIsAdoptedAndNotStartedAgain() {
        String execution = queuedOnOfflineDevice("start-adopted", "Europe/Oslo");
        long key = starter.start(starter.prepare(execution));

        await().atMost(TaskApi.TIMEOUT).until(() -> recordedKey(execution) != null);
        assertThat(recordedKey(execution)).isEqualTo(key);

        try (SimulatedFleet back = device("start-adopted")) {
            awaitStatus(execution, "SUCCESS");
            assertThat(back.device().deviceObject().operationJournal()).containsExactly("write 15 Europe/Oslo");
        }
        assertThat(instancesOf(execution)).isEqualTo(1);
    }

    @Test
    void aStartThatNeverReachedTheEngineIsQueuedAgainAndRunsOnce() {
        String execution = queuedOnOfflineDevice("start-lost", "Europe/Rome");

        awaitStatus(execution, "QUEUED");
        assertThat(instancesOf(execution)).isZero();

        try (SimulatedFleet back = device("start-lost")) {
            awaitStatus(execution, "SUCCESS");
            assertThat(back.device().deviceObject().operationJournal()).containsExactly("write 15 Europe/Rome");
        }
        assertThat(instancesOf(execution)).isEqualTo(1);
    }
}
