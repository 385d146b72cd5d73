package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lwm2mBootstrapTask (lwm2m-bootstrap) and Lwm2mBootstrapConfiguration (lwm2m-bootstrap-configuration) over UDP with
 * dmflow's own bootstrap server: a device bootstrapped onto dmflow's management server is moved by the task to a
 * second, named management server and registers there, also when it drops off just before the trigger; the
 * configuration task only changes what the next bootstrap gives; unknown servers, a server of the wrong kind and a task
 * naming no server end ERROR and move nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class BootstrapTaskTest {

    private static final Duration REGISTERED = Duration.ofSeconds(30);
    private static DeviceManagementServer second;

    @Inject
    DeviceManagementServer server;

    @Inject
    BootstrapServer bootstrapServer;

    @BeforeAll
    static void startSecondServer() {
        second = DeviceManagementServer.builder(ServerSettings.loopback()).build();
        second.start();
    }

    @AfterAll
    static void stopSecondServer() {
        second.close();
    }

    @BeforeEach
    void serversNamed() {
        putServer(
                "bt-local",
                Map.of("uri", server.coapUri().orElseThrow().toString(), "shortServerId", 1, "securityMode", "nosec"));
        putServer(
                "bt-second",
                Map.of("uri", second.coapUri().orElseThrow().toString(), "shortServerId", 2, "securityMode", "nosec"));
        putServer(
                "bt-bootstrap",
                Map.of(
                        "kind",
                        "bootstrap",
                        "uri",
                        bootstrapServer.coapUri().orElseThrow().toString(),
                        "securityMode",
                        "nosec"));
    }

    @Test
    void theTaskMovesTheDeviceToTheNamedServerWhereItRegisters() {
        try (SimulatedFleet fleet = bootstrappedOntoDmflow("bt-move")) {
            JsonPath ended = ended(submit("Lwm2mBootstrapTask", "bt-move", "\"regular\": \"bt-second\""), "SUCCESS");

            assertThat(ended.getString("details")).isEqualTo("sent to bootstrap; the device gets bt-second");
            await().atMost(REGISTERED)
                    .until(() -> second.registration("bt-move").isPresent());
            await().atMost(REGISTERED)
                    .until(() -> server.registration("bt-move").isEmpty());
            assertThat(fleet.device().bootstrapCount()).isEqualTo(2);
            given().get("/api/devices/{endpoint}/bootstrap", "bt-move")
                    .then()
                    .statusCode(200)
                    .body("servers.server", contains("bt-second"))
                    .body("lastSession.servers", contains("bt-second"));
        }
    }

    @Test
    void aDeviceThatDropsOffBeforeTheTriggerIsWaitedForAndMovedWhenItReturns() {
        try (SimulatedFleet fleet = bootstrappedOntoDmflow("bt-drop")) {
            JsonPath ended = BuiltInTaskRuns.succeededAfterDropOff(
                    fleet.device(),
                    LinkDrop.beforeRequest("POST", "/1/0/9"),
                    "Lwm2mBootstrapTask",
                    "\"regular\": \"bt-second\"",
                    () -> assertThat(fleet.device().bootstrapCount()).isEqualTo(1));

            assertThat(ended.getString("details")).isEqualTo("sent to bootstrap; the device gets bt-second");
            await().atMost(REGISTERED)
                    .until(() -> second.registration("bt-drop").isPresent());
        }
    }

    @Test
    void theConfigurationTaskChangesOnlyWhatTheNextBootstrapGives() {
        try (SimulatedFleet fleet = bootstrappedOntoDmflow("bt-config")) {
            JsonPath ended =
                    ended(submit("Lwm2mBootstrapConfiguration", "bt-config", "\"serverId\": \"2\""), "SUCCESS");

            assertThat(ended.getString("details")).isEqualTo("at its next bootstrap the device gets bt-second");
            given().get("/api/devices/{endpoint}/bootstrap", "bt-config")
                    .then()
                    .statusCode(200)
                    .body("servers.server", contains("bt-second"));
            assertThat(server.registration("bt-config")).isPresent();
            assertThat(fleet.device().bootstrapCount()).isEqualTo(1);

            given().post("/api/devices/{endpoint}/bootstrap/trigger", "bt-config")
                    .then()
                    .statusCode(202);
            await().atMost(REGISTERED)
                    .until(() -> second.registration("bt-config").isPresent());
        }
    }

    @Test
    void withoutBootstrapFinishTheTaskStoresTheConfigurationAndLeavesTheDeviceWhereItIs() {
        try (SimulatedFleet fleet = bootstrappedOntoDmflow("bt-stored")) {
            JsonPath ended = ended(
                    submit(
                            "Lwm2mBootstrapTask",
                            "bt-stored",
                            "\"regular\": \"bt-second\", \"performBootstrapFinish\": \"false\""),
                    "SUCCESS");

            assertThat(ended.getString("details")).isEqualTo("at its next bootstrap the device gets bt-second");
            given().get("/api/devices/{endpoint}/bootstrap", "bt-stored")
                    .then()
                    .statusCode(200)
                    .body("servers.server", contains("bt-second"));
            assertThat(server.registration("bt-stored")).isPresent();
            assertThat(fleet.device().bootstrapCount()).isEqualTo(1);
        }
    }

    @Test
    void unknownServersAndServersOfTheWrongKindEndErrorAndMoveNothing() {
        try (SimulatedFleet fleet = bootstrappedOntoDmflow("bt-wrong")) {
            assertThat(ended(
                                    submit("Lwm2mBootstrapConfiguration", "bt-wrong", "\"serverName\": \"bt-nowhere\""),
                                    "ERROR")
                            .getString("details"))
                    .isEqualTo("no LwM2M server is named bt-nowhere");
            assertThat(ended(submit("Lwm2mBootstrapTask", "bt-wrong", "\"regular\": \"bt-bootstrap\""), "ERROR")
                            .getString("details"))
                    .isEqualTo("bt-bootstrap is a bootstrap server, not a management server");
            assertThat(ended(submit("Lwm2mBootstrapTask", "bt-wrong", ""), "ERROR")
                            .getString("details"))
                    .isEqualTo("neither a bootstrap nor a regular server is named");

            given().get("/api/devices/{endpoint}/bootstrap", "bt-wrong")
                    .then()
                    .statusCode(200)
                    .body("servers.server", contains("bt-local"));
            assertThat(server.registration("bt-wrong")).isPresent();
            assertThat(fleet.device().bootstrapCount()).isEqualTo(1);
        }
    }

    /** A device that knows only the bootstrap server and was given dmflow's management server there. */
    private SimulatedFleet bootstrappedOntoDmflow(String endpoint) {
        given().contentType("application/json")
                .body(Map.of("servers", List.of(Map.of("server", "bt-local"))))
                .put("/api/devices/{endpoint}/bootstrap", endpoint)
                .then()
                .statusCode(200);
        SimulatedFleet fleet = SimulatedFleet.builder()
                .bootstrapServerUri(bootstrapServer.coapUri().orElseThrow().toString())
                .endpoint(endpoint)
                .objects()
                .requestTimeout(Duration.ofSeconds(3))
                .registrationRetry(Duration.ofSeconds(1))
                .build()
                .start();
        await().atMost(REGISTERED).until(() -> server.registration(endpoint).isPresent());
        TaskApi.awaitDeviceState(endpoint, "online");
        return fleet;
    }

    private static void putServer(String name, Map<String, Object> body) {
        given().contentType("application/json")
                .body(body)
                .put("/api/servers/{name}", name)
                .then()
                .statusCode(200);
    }
}
