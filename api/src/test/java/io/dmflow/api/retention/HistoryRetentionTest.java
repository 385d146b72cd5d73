package io.dmflow.api.retention;

import static io.dmflow.api.testing.TaskApi.awaitDeviceState;
import static io.dmflow.api.testing.TaskApi.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.camunda.client.api.command.ProblemException;
import io.dmflow.api.database.Sql;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What ended before the cutoff goes, in dmflow's tables and in the embedded engine's; what is still running, the
 * task itself and what is newer than the retention stay.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HistoryRetentionTest {

    private static final String DEVICE = "retention-device";

    @Inject
    HistoryRetention retention;

    @Inject
    DeviceManagementServer server;

    @Inject
    EngineClient engineClient;

    @Inject
    EmbeddedEngine engine;

    @Inject
    Sql sql;

    @Test
    void endedExecutionsAndTheirInstancesGoRunningOnesAndTheTaskStay() {
        String ended;
        long endedInstance;
        String task;
        try (SimulatedFleet fleet = start()) {
            ended = read().statusCode(200)
                    .body("status", equalTo("SUCCESS"))
                    .extract()
                    .path("id");
            endedInstance = ((Number) given().get("/api/executions/{id}", ended)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("processInstanceKey"))
                    .longValue();
            task = given().get("/api/executions/{id}", ended).then().extract().path("taskId");
        }
        awaitDeviceState(DEVICE, "offline");
        String waiting = given().queryParam("timeout", "0")
                .contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/{endpoint}/operations/read", DEVICE)
                .then()
                .statusCode(202)
                .extract()
                .path("id");

        HistoryRetention.Removed removed = retention.removeEndedBefore(
                Instant.now().plusSeconds(1), engine.clock().millis() + 1000);
        assertThat(removed.executions()).isGreaterThanOrEqualTo(1);
        assertThat(removed.processInstances()).isGreaterThanOrEqualTo(1);

        given().get("/api/executions/{id}", ended).then().statusCode(404);
        assertThatThrownBy(() -> engineClient
                        .client()
                        .newProcessInstanceGetRequest(endedInstance)
                        .send()
                        .join())
                .satisfies(e -> assertThat(problem(e).code()).isEqualTo(404));
        given().get("/api/tasks/{id}", task).then().statusCode(200);
        given().get("/api/executions/{id}", waiting).then().statusCode(200);

        try (SimulatedFleet back = start()) {
            awaitStatus(waiting, "SUCCESS");
        }
    }

    @Test
    void recordedDeviceValuesOlderThanTheRetentionGoNewerOnesStay() {
        Instant old = Instant.now().minus(Duration.ofDays(31));
        Instant recent = Instant.now().minus(Duration.ofDays(29));
        for (Instant at : new Instant[] {old, recent}) {
            sql.update(
                    "INSERT INTO dmflow.device_value_history (endpoint, path, value, observed_at)"
                            + " VALUES ('retention-values', '/3303/0/5700', '21.5'::jsonb, ?)",
                    Sql.timestamp(at));
        }

        retention.removeOlderThanRetention();

        assertThat(sql.list(
                        "SELECT observed_at FROM dmflow.device_value_history WHERE endpoint = 'retention-values'",
                        row -> Sql.instant(row, "observed_at").truncatedTo(ChronoUnit.SECONDS)))
                .containsExactly(recent.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The engine's answer, however the client wrapped it. */
    private static ProblemException problem(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof ProblemException problem) {
                return problem;
            }
        }
        throw new AssertionError("expected the engine's problem answer, got " + thrown, thrown);
    }

    private SimulatedFleet start() {
        SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(DEVICE)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT);
        awaitDeviceState(DEVICE, "online");
        return fleet;
    }

    private static io.restassured.response.ValidatableResponse read() {
        return given().contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/{endpoint}/operations/read", DEVICE)
                .then();
    }
}
