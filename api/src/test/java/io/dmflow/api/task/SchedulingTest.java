package io.dmflow.api.task;

import static io.dmflow.api.testing.TaskApi.awaitDeviceState;
import static io.dmflow.api.testing.TaskApi.awaitStatus;
import static io.dmflow.api.testing.TaskApi.executionOf;
import static io.dmflow.api.testing.TaskApi.history;
import static io.dmflow.api.testing.TaskApi.saveTemplate;
import static io.dmflow.api.testing.TaskApi.status;
import static io.dmflow.api.testing.TaskApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's rules, seen from a device: when executions start, in which order, and what holds them. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SchedulingTest {

    /** Long enough to see that nothing starts, short enough for the suite: no event says "nothing happened". */
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Inject
    DeviceManagementServer server;

    private SimulatedFleet device(String endpoint) {
        return SimulatedFleet.builder()
                .serverUri(coap())
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT);
    }

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    private static String writeTimezone(String name, String value) {
        saveTemplate(name, "<config><set key=\"/3/0/15\" value=\"" + value + "\"/></config>");
        return name;
    }

    private static void awaitStaysQueued(String execution) {
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> status(execution).equals("QUEUED"));
    }

    @Test
    void aSleepingQueueModeDeviceGetsItsTaskAtItsNextWakeUp() {
        writeTimezone("tz-queue", "Asia/Tokyo");
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(coap())
                .endpoint("sched-queue")
                .lifetime(Duration.ofSeconds(300))
                .queueMode(Duration.ofSeconds(30))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT)) {
            awaitDeviceState("sched-queue", "sleeping");
            String execution = executionOf(submit("""
                    {"template": "tz-queue", "target": {"device": "sched-queue"}}"""));
            awaitStaysQueued(execution);
            assertThat(fleet.device().deviceObject().operationJournal()).isEmpty();

            fleet.device().triggerRegistrationUpdate();
            awaitStatus(execution, "SUCCESS");
            assertThat(fleet.device().deviceObject().operationJournal()).containsExactly("write 15 Asia/Tokyo");
        }
    }

    @Test
    void queuedTasksOfAnOfflineDeviceRunInPriorityOrderWhenItRegisters() {
        try (SimulatedFleet first = device("sched-order")) {
            awaitDeviceState("sched-order", "online");
        }
        awaitDeviceState("sched-order", "offline");
        String p20 = executionOf(submit("{\"template\": \"" + writeTimezone("tz-p20", "P20")
                + "\", \"target\": {\"device\": \"sched-order\"}, \"priority\": 20}"));
        String p5 = executionOf(submit("{\"template\": \"" + writeTimezone("tz-p5", "P5")
                + "\", \"target\": {\"device\": \"sched-order\"}, \"priority\": 5}"));
        String p10 = executionOf(submit("{\"template\": \"" + writeTimezone("tz-p10", "P10")
                + "\", \"target\": {\"device\": \"sched-order\"}, \"priority\": 10}"));
        awaitStaysQueued(p5);

        try (SimulatedFleet again = device("sched-order")) {
            awaitStatus(p20, "SUCCESS");
            awaitStatus(p10, "SUCCESS");
            awaitStatus(p5, "SUCCESS");
            assertThat(again.device().deviceObject().operationJournal())
                    .containsExactly("write 15 P5", "write 15 P10", "write 15 P20");
            Instant started5 = startedAt(p5);
            Instant started10 = startedAt(p10);
            Instant started20 = startedAt(p20);
            assertThat(started5).isBefore(started10);
            assertThat(started10).isBefore(started20);
            assertThat(endedAt(p5)).isBeforeOrEqualTo(started10);
            assertThat(endedAt(p10)).isBeforeOrEqualTo(started20);
        }
    }

    @Test
    void aBlockingExecutionWaitingForItsDeviceHoldsTheNextTask() {
        saveTemplate("blocking-wait", "<config><wait/><set key=\"/3/0/15\" value=\"After-Wait\"/></config>");
        writeTimezone("tz-after", "Second");
        try (SimulatedFleet fleet = device("sched-blocking")) {
            awaitDeviceState("sched-blocking", "online");
            String waiting = executionOf(submit("""
                    {"template": "blocking-wait", "target": {"device": "sched-blocking"}, "blocking": true}"""));
            awaitStatus(waiting, "WAITING_FOR_DEVICE");
            // The execution shows where its flow waits: the BPMN element of the template's <wait/>.
            List<Map<String, Object>> at = given().get("/api/executions/{id}", waiting)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("activeElements");
            assertThat(at)
                    .as("the element the waiting flow is at")
                    .singleElement()
                    .satisfies(element -> assertThat(element)
                            .containsEntry("type", "INTERMEDIATE_CATCH_EVENT")
                            .containsEntry("incident", false));
            String second = executionOf(submit("""
                    {"template": "tz-after", "target": {"device": "sched-blocking"}}"""));
            awaitStaysQueued(second);

            fleet.device().triggerRegistrationUpdate();
            awaitStatus(waiting, "SUCCESS");
            awaitStatus(second, "SUCCESS");
            assertThat(fleet.device().deviceObject().operationJournal())
                    .containsExactly("write 15 After-Wait", "write 15 Second");
            assertThat(endedAt(waiting)).isBeforeOrEqualTo(startedAt(second));
        }
    }

    @Test
    void aFlowHoldingItsDeviceKeepsTheNextTaskQueuedWhileItWaitsAndLetsItGoOnceItGivesTheDeviceBack() throws Exception {
        String bpmn;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("userprocess/held-wait.bpmn")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        given().contentType(ContentType.XML)
                .body(bpmn)
                .put("/api/processes/{id}", "held-wait")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        writeTimezone("tz-after-held", "After-Held");
        try (SimulatedFleet fleet = device("sched-held")) {
            awaitDeviceState("sched-held", "online");
            // Not a blocking task: dm.device.lock in its flow holds the device, dm.device.unlock gives it back.
            String holding = executionOf(submit("""
                    {"process": "held-wait", "target": {"device": "sched-held"}}"""));
            awaitStatus(holding, "WAITING_FOR_DEVICE");
            String second = executionOf(submit("""
                    {"template": "tz-after-held", "target": {"device": "sched-held"}}"""));
            awaitStaysQueued(second);

            fleet.device().triggerRegistrationUpdate();
            awaitStatus(holding, "SUCCESS");
            awaitStatus(second, "SUCCESS");
            assertThat(fleet.device().deviceObject().operationJournal())
                    .containsExactly("write 15 After-Held-Wait", "write 15 After-Held");
            assertThat(endedAt(holding)).isBeforeOrEqualTo(startedAt(second));
        }
    }

    @Test
    void aNonBlockingExecutionWaitingForItsDeviceLetsTheNextTaskRun() {
        saveTemplate("plain-wait", "<config><wait/><set key=\"/3/0/15\" value=\"After-Plain-Wait\"/></config>");
        writeTimezone("tz-meanwhile", "Meanwhile");
        try (SimulatedFleet fleet = device("sched-nonblocking")) {
            awaitDeviceState("sched-nonblocking", "online");
            String waiting = executionOf(submit("""
                    {"template": "plain-wait", "target": {"device": "sched-nonblocking"}}"""));
            awaitStatus(waiting, "WAITING_FOR_DEVICE");
            String second = executionOf(submit("""
                    {"template": "tz-meanwhile", "target": {"device": "sched-nonblocking"}}"""));
            awaitStatus(second, "SUCCESS");
            assertThat(status(waiting)).isEqualTo("WAITING_FOR_DEVICE");

            fleet.device().triggerRegistrationUpdate();
            awaitStatus(waiting, "SUCCESS");
            assertThat(fleet.device().deviceObject().operationJournal())
                    .containsExactly("write 15 Meanwhile", "write 15 After-Plain-Wait");
        }
    }

    @Test
    void aDeviceThatDropsOffMidTaskResumesAtTheFailedStepWithoutRepeatingTheFirst() {
        saveTemplate("three-steps", """
                <config>
                  <set key="/3/0/15" value="Step-One"/>
                  <wait seconds="1"/>
                  <set key="/3/0/14" value="+02:00"/>
                  <set key="/3/0/15" value="Step-Three"/>
                </config>""");
        String execution;
        try (SimulatedFleet fleet = device("sched-drop")) {
            awaitDeviceState("sched-drop", "online");
            execution = executionOf(submit("""
                    {"template": "three-steps", "target": {"device": "sched-drop"}}"""));
            await().atMost(TaskApi.TIMEOUT)
                    .until(() ->
                            !fleet.device().deviceObject().operationJournal().isEmpty());
            assertThat(fleet.device().deviceObject().operationJournal()).containsExactly("write 15 Step-One");
        }
        // Closing the device deregisters it: step two finds it gone.
        awaitStatus(execution, "WAITING_FOR_DEVICE");
        try (SimulatedFleet back = device("sched-drop")) {
            awaitStatus(execution, "SUCCESS");
            assertThat(back.device().deviceObject().operationJournal())
                    .containsExactly("write 14 +02:00", "write 15 Step-Three");
        }
        assertThat(history(execution))
                .containsExactly("QUEUED", "IN_PROGRESS", "WAITING_FOR_DEVICE", "IN_PROGRESS", "SUCCESS");
    }

    private static Instant startedAt(String execution) {
        return Instant.parse(
                given().get("/api/executions/{id}", execution).then().extract().path("startedAt"));
    }

    private static Instant endedAt(String execution) {
        return Instant.parse(
                given().get("/api/executions/{id}", execution).then().extract().path("endedAt"));
    }
}
