package io.dmflow.api.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates submitted as tasks run through the engine and the job workers to simulated devices. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TaskFlowTest {

    private static final Duration TIMEOUT = TaskApi.TIMEOUT;

    private static final String READ_WRITE_EXECUTE = """
            <config>
              <get key="/3/0/0" output="manufacturer"/>
              <log message="manufacturer ${#manufacturer}"/>
              <set key="/3/0/15" value="Europe/Paris"/>
              <log message="timezone set"/>
              <execute key="/3/0/12"/>
              <log message="error code reset"/>
            </config>
            """;

    @Inject
    DeviceManagementServer server;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    @Test
    void aTemplateThatReadsWritesAndExecutesRunsOnEveryMemberOfAGroup() {
        TaskApi.saveTemplate("rwx", READ_WRITE_EXECUTE);
        given().put("/api/groups/root.rwx").then().statusCode(201);
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(coap())
                .endpointPrefix("rwx-")
                .count(20)
                .lifetime(Duration.ofSeconds(300))
                .manufacturer("ACME")
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(20, TIMEOUT)).isTrue();
            for (int i = 0; i < 20; i++) {
                TaskApi.awaitDeviceState("rwx-" + i, "online");
                given().put("/api/groups/root.rwx/members/{endpoint}", "rwx-" + i)
                        .then()
                        .statusCode(201);
            }
            String task = TaskApi.submit("""
                    {"template": "rwx", "target": {"group": "root.rwx"}}""");

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().get("/api/tasks/{id}/summary", task)
                            .then()
                            .statusCode(200)
                            .body("successes", equalTo(20)));
            JsonPath summary = given().get("/api/tasks/{id}/summary", task)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(summary.getInt("totalScheduled")).isEqualTo(20);
            assertThat(summary.getInt("completed")).isEqualTo(20);
            assertThat(summary.getDouble("successRate")).isEqualTo(1.0);

            String execution = given().queryParam("task", task)
                    .queryParam("device", "rwx-3")
                    .get("/api/executions")
                    .then()
                    .statusCode(200)
                    .body("totalItems", equalTo(1))
                    .extract()
                    .path("items[0].id");
            List<String> log = given().get("/api/executions/{id}/log", execution)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("message");
            assertThat(log).containsSubsequence("manufacturer ACME", "timezone set", "error code reset");
            for (int i = 0; i < 20; i++) {
                assertThat(fleet.device("rwx-" + i).deviceObject().operationJournal())
                        .containsExactly("write 15 Europe/Paris", "execute 12");
            }
            List<String> history = given().get("/api/executions/{id}", execution)
                    .then()
                    .extract()
                    .path("history.status");
            assertThat(history).containsExactly("QUEUED", "IN_PROGRESS", "SUCCESS");
            // The flow started knowing its device's groups.
            long instance = given().get("/api/executions/{id}", execution)
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("processInstanceKey");
            String device = given().contentType(ContentType.JSON)
                    .body(Map.of("filter", Map.of("processInstanceKey", instance, "name", "device")))
                    .post("/v2/variables/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items[0].value");
            assertThat(device).contains("\"groups\":[\"root.rwx\"]").contains("\"endpoint\":\"rwx-3\"");
        }
    }
}
