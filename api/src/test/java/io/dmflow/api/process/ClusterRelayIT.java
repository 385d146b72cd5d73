package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.awaitReady;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.dmflow.api.testing.TestAdmin;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * dmflow in remote mode relays its {@code /v2} to the Camunda 8 cluster, so that the console's flow pages work
 * beside Operate. No Camunda 8 cluster runs here; its place is taken by a second packaged dmflow on the embedded
 * engine, which serves the same REST API behind HTTP Basic, as a cluster with authentication on does. The remote
 * dmflow signs in to it with the Camunda client's own environment variables, as in deploy/compose.
 */
class ClusterRelayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String VIEWER = "relay-viewer";
    private static final String VIEWER_PASSWORD = "a viewer's password";

    @Test
    void theFlowPagesReadsAndRepairsReachTheClusterUnderDmflowsOwnRoles() throws Exception {
        try (DmflowProcess cluster = DmflowProcess.start(
                Map.of(
                        "dmflow.database.embedded.data-dir",
                        Files.createTempDirectory("dmflow-it-cluster").toString()),
                Map.of())) {
            URI clusterHttp = cluster.awaitHttp(TIMEOUT);
            awaitReady(clusterHttp);
            try (DmflowProcess remote = DmflowProcess.start(
                    Map.of(
                            "dmflow.database.embedded.data-dir",
                            Files.createTempDirectory("dmflow-it-remote").toString(),
                            "dmflow.engine.mode",
                            "remote",
                            "dmflow.camunda.rest-address",
                            clusterHttp.toString()),
                    Map.of(
                            "CAMUNDA_BASIC_AUTH_USERNAME", TestAdmin.USER,
                            "CAMUNDA_BASIC_AUTH_PASSWORD", TestAdmin.PASSWORD))) {
                URI remoteHttp = remote.awaitHttp(TIMEOUT);
                awaitReady(remoteHttp);
                admin(remoteHttp)
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", VIEWER, "password", VIEWER_PASSWORD, "role", "viewer"))
                        .post("/api/users")
                        .then()
                        .statusCode(201);

                // The remote dmflow deployed its built-in flows on the cluster; its /v2 shows the cluster's.
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> viewer(remoteHttp)
                                .contentType(ContentType.JSON)
                                .body(Map.of("filter", Map.of("processDefinitionId", "lwm2m-firmware-update")))
                                .post("/v2/process-definitions/search")
                                .then()
                                .statusCode(200)
                                .body("items.processDefinitionId", hasItem("lwm2m-firmware-update")));

                long instance = startWaitingInstance(clusterHttp);
                viewer(remoteHttp)
                        .contentType(ContentType.JSON)
                        .body(Map.of("filter", Map.of("processDefinitionId", "relay_check")))
                        .post("/v2/process-instances/search")
                        .then()
                        .statusCode(200)
                        .body("items.processInstanceKey", hasItem(String.valueOf(instance)));

                // dmflow's roles hold on the relay: no one unsigned, no viewer repairs.
                given().baseUri(remoteHttp.toString())
                        .auth()
                        .none()
                        .post("/v2/process-instances/" + instance + "/cancellation")
                        .then()
                        .statusCode(401);
                viewer(remoteHttp)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/v2/process-instances/" + instance + "/cancellation")
                        .then()
                        .statusCode(403);
                assertThat(state(clusterHttp, instance)).isEqualTo("ACTIVE");

                admin(remoteHttp)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/v2/process-instances/" + instance + "/cancellation")
                        .then()
                        .statusCode(204);
                assertThat(state(clusterHttp, instance)).isEqualTo("TERMINATED");

                // The cluster's own problem answers come back as they are.
                viewer(remoteHttp)
                        .get("/v2/process-instances/999999999")
                        .then()
                        .statusCode(404)
                        .contentType("application/problem+json");
            }
        }
    }

    /** An instance that waits for a job nobody works on, started on the cluster itself. */
    private static long startWaitingInstance(URI cluster) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="relay" targetNamespace="http://dmflow.io/test">
                  <bpmn:process id="relay_check" isExecutable="true">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
                    <bpmn:serviceTask id="wait">
                      <bpmn:extensionElements><zeebe:taskDefinition type="relay-check-nobody"/></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        admin(cluster)
                .multiPart("resources", "relay_check.bpmn", bpmn.getBytes(StandardCharsets.UTF_8), "application/xml")
                .post("/v2/deployments")
                .then()
                .statusCode(200);
        String key = admin(cluster)
                .contentType(ContentType.JSON)
                .body(Map.of("processDefinitionId", "relay_check"))
                .post("/v2/process-instances")
                .then()
                .statusCode(200)
                .extract()
                .path("processInstanceKey");
        return Long.parseLong(key);
    }

    private static String state(URI cluster, long instance) {
        return admin(cluster)
                .get("/v2/process-instances/" + instance)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private static RequestSpecification admin(URI http) {
        return given().baseUri(http.toString()).auth().preemptive().basic(TestAdmin.USER, TestAdmin.PASSWORD);
    }

    private static RequestSpecification viewer(URI http) {
        return given().baseUri(http.toString()).auth().preemptive().basic(VIEWER, VIEWER_PASSWORD);
    }
}
