package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** cancelAllObserves (lwm2m-cancel-all-observes) end to end: every observation of the device is cancelled, once. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class CancelAllObservesTaskTest {

    @Inject
    DeviceManagementServer server;

    private static void observe(String endpoint, String key) {
        given().contentType(ContentType.JSON)
                .body("{\"key\": \"" + key + "\"}")
                .post("/api/devices/{endpoint}/operations/observe", endpoint)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));
    }

    @Test
    void everyObservationOfTheDeviceIsCancelledAndASecondRunFindsNone() {
        try (SimulatedFleet fleet = device(server, "cancel-all")) {
            observe("cancel-all", "/3/0/9");
            observe("cancel-all", "/3/0/13");

            JsonPath first = ended(submit("cancelAllObserves", "cancel-all", ""), "SUCCESS");
            JsonPath second = ended(submit("cancelAllObserves", "cancel-all", ""), "SUCCESS");

            assertThat(first.getString("result")).isEqualTo("SUCCESS");
            assertThat(first.getString("details")).isEqualTo("cancelled 2 observations");
            assertThat(second.getString("details")).isEqualTo("cancelled 0 observations");
        }
    }
}
