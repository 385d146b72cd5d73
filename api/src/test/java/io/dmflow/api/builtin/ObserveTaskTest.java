package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * ObserveTask (lwm2m-observe) end to end on simulated devices: the notification attributes are written with or
 * without an observation, cancel ends an observation (immediate or lazy), attributes are refused on an observed key
 * until its observation is cancelled, failIfExists refuses to observe an observed key, a device that drops off is
 * waited for and an error answer ends ERROR.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class ObserveTaskTest {

    @Inject
    DeviceManagementServer server;

    /** The device's own account of the attributes on {@code key}: its Discover answer. */
    private static String discovered(String endpoint, String key) {
        return given().contentType(ContentType.JSON)
                .body("{\"key\": \"" + key + "\"}")
                .post("/api/devices/{endpoint}/operations/discover", endpoint)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCESS"))
                .extract()
                .path("result");
    }

    /** How many observations of the device a cancelAllObserves finds (and ends). */
    private static String observationsCancelled(String endpoint) {
        return ended(submit("cancelAllObserves", endpoint, ""), "SUCCESS").getString("details");
    }

    @Test
    void theAttributesAreWrittenAndTheKeyObserved() {
        try (SimulatedFleet fleet = device(server, "observe-write")) {
            JsonPath execution = ended(submit("ObserveTask", "observe-write", """
                    "key": "/3/0/9", "minimumPeriod": "1", "maximumPeriod": "30", "greaterThan": "", \
                    "sendObservationRequest": "true\""""), "SUCCESS");

            assertThat(execution.getString("details"))
                    .isEqualTo("wrote minimumPeriod=1 maximumPeriod=30 to /3/0/9, observing /3/0/9");
            assertThat(discovered("observe-write", "/3/0/9")).contains("pmin=1", "pmax=30");
            assertThat(observationsCancelled("observe-write")).isEqualTo("cancelled 1 observations");
        }
    }

    @Test
    void withoutAnObservationRequestOnlyTheAttributesAreWritten() {
        try (SimulatedFleet fleet = device(server, "observe-attributes")) {
            JsonPath execution = ended(
                    submit("ObserveTask", "observe-attributes", "\"key\": \"/3/0/9\", \"step\": \"5\""), "SUCCESS");

            assertThat(execution.getString("details")).isEqualTo("wrote step=5 to /3/0/9");
            assertThat(discovered("observe-attributes", "/3/0/9")).contains("st=5");
            assertThat(observationsCancelled("observe-attributes")).isEqualTo("cancelled 0 observations");
        }
    }

    @Test
    void cancelEndsTheObservationImmediatelyOrLazily() {
        try (SimulatedFleet fleet = device(server, "observe-cancel")) {
            for (String cancelType : new String[] {"immediate", "lazy"}) {
                ended(
                        submit(
                                "ObserveTask",
                                "observe-cancel",
                                "\"key\": \"/3/0/9\", \"sendObservationRequest\": \"true\""),
                        "SUCCESS");

                JsonPath cancelled =
                        ended(submit("ObserveTask", "observe-cancel", """
                        "key": "/3/0/9", "cancel": "true", "cancelType": "%s\"""".formatted(cancelType)), "SUCCESS");

                assertThat(cancelled.getString("details"))
                        .isEqualTo("cancelled the observation of /3/0/9 (" + cancelType + ")");
                assertThat(observationsCancelled("observe-cancel")).isEqualTo("cancelled 0 observations");
            }
        }
    }

    @Test
    void aDeviceThatDropsOffIsWaitedForAndTheAttributesWrittenWhenItReturns() {
        try (SimulatedFleet fleet = device(server, "observe-drop")) {
            BuiltInTaskRuns.succeededAfterDropOff(
                    fleet.device(),
                    LinkDrop.beforeRequest("PUT", "/3/0/9"),
                    "ObserveTask",
                    "\"key\": \"/3/0/9\", \"maximumPeriod\": \"40\"",
                    () -> {});

            assertThat(discovered("observe-drop", "/3/0/9")).contains("pmax=40");
        }
    }

    @Test
    void aResourceTheDeviceLacksEndsErrorWithTheDevicesAnswer() {
        try (SimulatedFleet fleet = device(server, "observe-refused")) {
            JsonPath ended = ended(
                    submit("ObserveTask", "observe-refused", "\"key\": \"/3/0/5\", \"minimumPeriod\": \"1\""), "ERROR");

            assertThat(ended.getString("details"))
                    .startsWith("device answered ")
                    .doesNotEndWith("an error");
        }
    }

    @Test
    void aTemplateThatCallsTheFlowGoesOnAfterItAndEndsItself() {
        TaskApi.saveTemplate("observe-then-set", """
                <config><observe key="/3/0/9" minimumPeriod="2" sendObservationRequest="true" />\
                <set key="/3/0/15" value="After-Observe" /></config>""");
        try (SimulatedFleet fleet = device(server, "observe-called")) {
            JsonPath ended = ended(TaskApi.executionOf(TaskApi.submit("""
                    {"template": "observe-then-set", "target": {"device": "observe-called"}}""")), "SUCCESS");

            assertThat(fleet.device().deviceObject().operationJournal()).contains("write 15 After-Observe");
            assertThat(discovered("observe-called", "/3/0/9")).contains("pmin=2");
            assertThat(ended.getList("history.status", String.class)).containsOnlyOnce("SUCCESS");
        }
    }

    @Test
    void attributesAreRefusedOnAnObservedKeyUntilItsObservationIsCancelled() {
        try (SimulatedFleet fleet = device(server, "observe-observed")) {
            ended(
                    submit(
                            "ObserveTask",
                            "observe-observed",
                            "\"key\": \"/3/0/9\", \"sendObservationRequest\": \"true\""),
                    "SUCCESS");

            for (String observeAgain : new String[] {"false", "true"}) {
                JsonPath refused =
                        ended(submit("ObserveTask", "observe-observed", """
                        "key": "/3/0/9", "minimumPeriod": "7", "sendObservationRequest": "%s\"""".formatted(observeAgain)), "ERROR");

                assertThat(refused.getString("details"))
                        .isEqualTo(
                                "refused to write attributes to /3/0/9: it is observed, cancel the observation first");
            }
            assertThat(discovered("observe-observed", "/3/0/9")).doesNotContain("pmin=7");

            ended(submit("ObserveTask", "observe-observed", "\"key\": \"/3/0/9\", \"cancel\": \"true\""), "SUCCESS");
            JsonPath written = ended(submit("ObserveTask", "observe-observed", """
                    "key": "/3/0/9", "minimumPeriod": "7", "sendObservationRequest": "true\""""), "SUCCESS");

            assertThat(written.getString("details")).isEqualTo("wrote minimumPeriod=7 to /3/0/9, observing /3/0/9");
            assertThat(discovered("observe-observed", "/3/0/9")).contains("pmin=7");
            assertThat(observationsCancelled("observe-observed")).isEqualTo("cancelled 1 observations");
        }
    }

    @Test
    void anObservedKeyIsObservedAgainUnlessFailIfExists() {
        try (SimulatedFleet fleet = device(server, "observe-exists")) {
            String observe = "\"key\": \"/3/0/9\", \"sendObservationRequest\": \"true\"";
            String failIfExists = observe + ", \"failIfExists\": \"true\"";
            ended(submit("ObserveTask", "observe-exists", failIfExists), "SUCCESS");

            JsonPath refused = ended(submit("ObserveTask", "observe-exists", failIfExists), "ERROR");
            JsonPath again = ended(submit("ObserveTask", "observe-exists", observe), "SUCCESS");

            assertThat(refused.getString("details"))
                    .isEqualTo("refused to observe /3/0/9: it is already observed (failIfExists)");
            assertThat(again.getString("details")).isEqualTo("no attributes to write, observing /3/0/9");
            assertThat(observationsCancelled("observe-exists")).isEqualTo("cancelled 1 observations");
        }
    }
}
