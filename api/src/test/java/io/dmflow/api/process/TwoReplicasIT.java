package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.awaitReady;
import static io.dmflow.api.process.ProcessApi.api;
import static io.dmflow.api.process.ProcessApi.awaitDeviceState;
import static io.dmflow.api.process.ProcessApi.executionOf;
import static io.dmflow.api.process.ProcessApi.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.ExternalDatabase;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two dmflow replicas on one PostgreSQL database and one Camunda cluster, as the deployment guide lays them out for
 * today: a device replica (LwM2M ports and job workers) and an API replica (no LwM2M port, no workers) that serves
 * the REST API and takes task submissions. No Camunda 8 cluster runs here: a third packaged dmflow on the embedded
 * engine plays it, with no devices and no workers of its own, as in {@link ClusterRelayIT}.
 * <p>
 * What an operator of such a deployment relies on: both replicas start at once on a new database; a device that
 * registered with the device replica is online on the API replica; a task submitted through the API replica runs on
 * the device at once, and so does an interactive operation asked of it; one submitted for a device that is offline waits, and starts on the device replica when the
 * device registers again, since what runs next on a device is decided from the database, under the device's lock,
 * whichever replica decides. Runs where {@code DMFLOW_EXTERNAL_JDBC_URL} names a PostgreSQL server.
 */
@EnabledIfEnvironmentVariable(named = ExternalDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class TwoReplicasIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TEMPLATE = "replica-steps";

    @Test
    void aTaskSubmittedThroughTheApiReplicaRunsOnADeviceOfTheDeviceReplica() throws Exception {
        Map<String, String> clusterOnly = new HashMap<>(noDeviceWork());
        clusterOnly.put(
                "dmflow.database.embedded.data-dir",
                Files.createTempDirectory("dmflow-it-replicas-cluster").toString());
        try (ExternalDatabase database = ExternalDatabase.create("dmflow_replicas");
                DmflowProcess cluster = DmflowProcess.start(clusterOnly, Map.of())) {
            URI clusterHttp = cluster.awaitHttp(TIMEOUT);
            awaitReady(clusterHttp);

            Map<String, String> environment = new HashMap<>(database.environment());
            // The Camunda client's own variables, as a cluster with authentication on asks for them.
            environment.put("CAMUNDA_BASIC_AUTH_USERNAME", TestAdmin.USER);
            environment.put("CAMUNDA_BASIC_AUTH_PASSWORD", TestAdmin.PASSWORD);
            Map<String, String> deviceReplica = remote(clusterHttp);
            Map<String, String> apiReplica = new HashMap<>(remote(clusterHttp));
            apiReplica.putAll(noDeviceWork());
            // Side by side, as a rollout starts them: one runs the migrations under Flyway's lock, one creates admin.
            try (DmflowProcess devices = DmflowProcess.start(deviceReplica, environment);
                    DmflowProcess api = DmflowProcess.start(apiReplica, environment)) {
                URI devicesHttp = devices.awaitHttp(TIMEOUT);
                URI apiHttp = api.awaitHttp(TIMEOUT);
                awaitReady(devicesHttp);
                awaitReady(apiHttp);
                URI coap = devices.awaitCoap(TIMEOUT);
                assertThat(api.output())
                        .noneMatch(line -> line.contains("LwM2M server listening"))
                        .anyMatch(line -> line.contains("this process serves no devices"));

                api(apiHttp)
                        .contentType(ContentType.XML)
                        .body("""
                                <config>
                                  <set key="/3/0/15" value="Europe/Berlin"/>
                                  <get key="/3/0/15" output="zone"/>
                                </config>""")
                        .put("/api/templates/{name}", TEMPLATE)
                        .then()
                        .statusCode(201);

                try (SimulatedFleet online = fleet(coap, "replica-online")) {
                    awaitDeviceState(apiHttp, "replica-online", "online", TIMEOUT);
                    String execution = submit(apiHttp, "replica-online");
                    awaitStatus(apiHttp, execution, "SUCCESS");
                    assertThat(status(devicesHttp, execution)).isEqualTo("SUCCESS");
                    assertThat(online.device().deviceObject().operationJournal())
                            .containsExactly("write 15 Europe/Berlin");
                    // An interactive operation asked of the API replica is answered with the device's value.
                    api(apiHttp)
                            .contentType(ContentType.JSON)
                            .body("{\"key\": \"/3/0/15\"}")
                            .post("/api/devices/{endpoint}/operations/read", "replica-online")
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("SUCCESS"))
                            .body("result", equalTo("Europe/Berlin"));
                }

                // Registered once, then gone: known to dmflow, offline.
                fleet(coap, "replica-later").close();
                awaitDeviceState(apiHttp, "replica-later", "offline", TIMEOUT);
                String waiting = submit(apiHttp, "replica-later");
                assertThat(status(apiHttp, waiting)).isEqualTo("QUEUED");
                try (SimulatedFleet later = fleet(coap, "replica-later")) {
                    awaitStatus(apiHttp, waiting, "SUCCESS");
                    SimulatedDevice device = later.device();
                    assertThat(device.deviceObject().operationJournal()).containsExactly("write 15 Europe/Berlin");
                    List<String> history = api(apiHttp)
                            .get("/api/executions/{id}", waiting)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("history.status", String.class);
                    assertThat(history).containsSubsequence("QUEUED", "IN_PROGRESS", "SUCCESS");
                }
            }
        }
    }

    /** A replica that takes no device work: no LwM2M or bootstrap server, no job workers. */
    private static Map<String, String> noDeviceWork() {
        return Map.of(
                "dmflow.lwm2m.enabled", "false",
                "dmflow.bootstrap.enabled", "false",
                "dmflow.workers.enabled", "false");
    }

    private static Map<String, String> remote(URI cluster) {
        return Map.of("dmflow.engine.mode", "remote", "dmflow.camunda.rest-address", cluster.toString());
    }

    private static SimulatedFleet fleet(URI coap, String endpoint) {
        return SimulatedFleet.builder()
                .serverUri(coap)
                .endpoint(endpoint)
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
    }

    private static String submit(URI http, String endpoint) {
        return executionOf(http, ProcessApi.submit(http, """
                        {"template": "%s", "target": {"device": "%s"}, "executeImmediately": true}""".formatted(TEMPLATE, endpoint)));
    }

    private static void awaitStatus(URI http, String execution, String expected) {
        await().atMost(TIMEOUT).until(() -> expected.equals(status(http, execution)));
    }
}
