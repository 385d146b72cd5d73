package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Lwm2mBestEffortGetTask (lwm2m-best-effort-get) on simulated devices, each switch judged by what lands in the data
 * model cache: a refresh reads every registered object but Security; an empty key without refresh reads nothing; a
 * refused object falls back to its instances, a refused instance to its resources, and with a level switched off
 * the next one is used or the refusal reported while the rest is still read; Discover adds the executable and
 * write-only resources; a device that drops off is waited for.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class BestEffortGetTaskTest {

    private static final String TASK = "Lwm2mBestEffortGetTask";

    @Inject
    DeviceManagementServer server;

    @Test
    void aRefreshReadsEveryRegisteredObjectButSecurityIntoTheCache() {
        try (SimulatedFleet fleet = device(server, "beg-refresh")) {
            JsonPath ended = ended(submit(TASK, "beg-refresh", ""), "SUCCESS");

            Map<String, Object> cache = cache("beg-refresh");
            assertThat(cache).containsEntry("/1/0/1", 300).containsKeys("/3/0/0", "/5/0/3", "/3303/0/5700");
            assertThat(cache.keySet())
                    .noneMatch(path -> path.startsWith("/0/"))
                    .doesNotContain("/3/0/4", "/5/0/0", "/5/0/2");
            assertThat(ended.getString("details"))
                    .startsWith("read " + cache.size() + " values of /1, /3")
                    .doesNotContain("/0,")
                    .doesNotContain("refused");
        }
    }

    @Test
    void anEmptyKeyWithoutRefreshReadsNothing() {
        try (SimulatedFleet fleet = device(server, "beg-norefresh")) {
            JsonPath ended = ended(submit(TASK, "beg-norefresh", "\"useRefreshDataModel\": \"false\""), "SUCCESS");

            assertThat(ended.getString("details"))
                    .isEqualTo("nothing to read: no key given and useRefreshDataModel off");
            assertThat(cache("beg-norefresh")).isEmpty();
        }
    }

    @Test
    void aKeyReadsOnlyItsChildren() {
        try (SimulatedFleet fleet = device(server, "beg-key")) {
            ended(submit(TASK, "beg-key", "\"key\": \"Device.0\""), "SUCCESS");

            assertThat(cache("beg-key").keySet()).isNotEmpty().allMatch(path -> path.startsWith("/3/0/"));
        }
    }

    @Test
    void aRefusedObjectFallsBackToItsInstancesAndARefusedInstanceToItsResources() {
        try (SimulatedFleet fleet = refusingDevice("beg-fallback", Set.of(1))) {
            JsonPath ended = ended(submit(TASK, "beg-fallback", "\"key\": \"/3303\""), "SUCCESS");

            assertThat(cache("beg-fallback"))
                    .containsOnly(
                            Map.entry("/3303/0/5700", 20.5f),
                            Map.entry("/3303/0/5701", "Cel"),
                            Map.entry("/3303/1/5700", 21.5f),
                            Map.entry("/3303/1/5701", "Cel"));
            assertThat(ended.getString("details")).isEqualTo("read 4 values of /3303");
        }
    }

    @Test
    void withoutInstanceReadsARefusedObjectIsReadResourceByResource() {
        try (SimulatedFleet fleet = refusingDevice("beg-resources", Set.of())) {
            ended(submit(TASK, "beg-resources", "\"key\": \"/3303\", \"useObjectInstanceRead\": \"false\""), "SUCCESS");

            assertThat(cache("beg-resources"))
                    .containsOnlyKeys("/3303/0/5700", "/3303/0/5701", "/3303/1/5700", "/3303/1/5701");
        }
    }

    @Test
    void withoutObjectReadsAnObjectIsReadInstanceByInstanceAndARefusedInstanceIsReported() {
        try (SimulatedFleet fleet = refusingDevice("beg-instances", Set.of(1))) {
            JsonPath ended = ended(
                    submit(
                            TASK,
                            "beg-instances",
                            "\"key\": \"/3303\", \"useObjectRead\": \"false\", \"useResourceRead\": \"false\""),
                    "SUCCESS");

            assertThat(cache("beg-instances")).containsOnlyKeys("/3303/0/5700", "/3303/0/5701");
            assertThat(ended.getString("details"))
                    .isEqualTo("read 2 values of /3303; refused: /3303/1 Read INTERNAL_SERVER_ERROR");
        }
    }

    @Test
    void aRefreshWithoutFallbacksReportsTheRefusedObjectAndReadsTheRest() {
        try (SimulatedFleet fleet = refusingDevice("beg-nofallback", Set.of())) {
            JsonPath ended = ended(
                    submit(
                            TASK,
                            "beg-nofallback",
                            "\"useObjectInstanceRead\": \"false\", \"useResourceRead\": \"false\""),
                    "SUCCESS");

            Map<String, Object> cache = cache("beg-nofallback");
            assertThat(cache).containsKey("/3/0/0");
            assertThat(cache.keySet()).noneMatch(path -> path.startsWith("/3303/"));
            assertThat(ended.getString("details")).endsWith("; refused: /3303 Read INTERNAL_SERVER_ERROR");
        }
    }

    @Test
    void aKeyTheDeviceRefusesEntirelyEndsError() {
        try (SimulatedFleet fleet = refusingDevice("beg-refused", Set.of(0, 1))) {
            JsonPath ended =
                    ended(submit(TASK, "beg-refused", "\"key\": \"/3303\", \"useResourceRead\": \"false\""), "ERROR");

            assertThat(cache("beg-refused")).isEmpty();
            assertThat(ended.getString("details"))
                    .isEqualTo("read 0 values of /3303; refused: "
                            + "/3303/0 Read INTERNAL_SERVER_ERROR, /3303/1 Read INTERNAL_SERVER_ERROR");
        }
    }

    @Test
    void discoverAddsTheExecutableAndWriteOnlyResourcesAsPathsWithoutAValue() {
        try (SimulatedFleet fleet = device(server, "beg-discover")) {
            JsonPath ended =
                    ended(submit(TASK, "beg-discover", "\"key\": \"/5\", \"useDiscover\": \"true\""), "SUCCESS");

            List<Map<String, Object>> rows = rows("beg-discover");
            assertThat(rows)
                    .anySatisfy(row ->
                            assertThat(row).containsEntry("path", "/5/0/0").containsEntry("value", null))
                    .anySatisfy(row ->
                            assertThat(row).containsEntry("path", "/5/0/2").containsEntry("value", null));
            assertThat(cache("beg-discover")).containsKey("/5/0/3");
            assertThat(ended.getString("details")).contains("; discovered ");
        }
    }

    @Test
    void aDeviceThatDropsOffIsWaitedForAndReadWhenItReturns() {
        try (SimulatedFleet fleet = device(server, "beg-drop")) {
            BuiltInTaskRuns.succeededAfterDropOff(
                    fleet.device(),
                    LinkDrop.beforeRequest("GET", "/3"),
                    TASK,
                    "\"key\": \"/3\"",
                    () -> assertThat(cache("beg-drop")).isEmpty());

            assertThat(cache("beg-drop")).containsKey("/3/0/0");
        }
    }

    /** A device with Firmware Update and a Temperature object that refuses whole-object Reads. */
    private SimulatedFleet refusingDevice(String endpoint, Set<Integer> refusedInstances) {
        SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .objects(SupportedObject.FIRMWARE_UPDATE)
                .lifetime(Duration.ofSeconds(300))
                .registrationRetry(Duration.ofSeconds(1))
                .build()
                .start();
        if (!fleet.awaitRegisteredCount(1, BuiltInTaskRuns.TIMEOUT)) {
            throw new AssertionError(endpoint + " did not register");
        }
        fleet.device()
                .leshanClient()
                .getObjectTree()
                .addObjectEnabler(new RefusingTemperatureObject(
                        ObjectModels.bundled().model().getObjectModel(RefusingTemperatureObject.OBJECT_ID),
                        refusedInstances));
        // The client announces a new object with a registration update.
        await().atMost(BuiltInTaskRuns.TIMEOUT)
                .until(() -> server.registration(endpoint)
                        .map(registration ->
                                registration.supportedObjects().containsKey(RefusingTemperatureObject.OBJECT_ID))
                        .orElse(false));
        TaskApi.awaitDeviceState(endpoint, "online");
        return fleet;
    }

    private static List<Map<String, Object>> rows(String endpoint) {
        return given().get("/api/devices/{endpoint}/values", endpoint)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** The cached values of the device that have one, by path. */
    private static Map<String, Object> cache(String endpoint) {
        Map<String, Object> values = new TreeMap<>();
        rows(endpoint).stream()
                .filter(row -> row.get("value") != null)
                .forEach(row -> values.put((String) row.get("path"), row.get("value")));
        return values;
    }
}
