package io.dmflow.api.backup;

import static io.dmflow.api.backup.SeedBackupRestoreTest.content;
import static io.dmflow.api.backup.SeedBackupRestoreTest.onlyExecution;
import static io.dmflow.api.testing.TaskApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.stored.StoredResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BackupTask and RestoreTask on a device without customBackupTask / customRestoreTask: the built-in flows dm-backup
 * and dm-restore back up the task property key into a resource and write the newest backup (or a named one) back.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(VendorModels.class)
class DefaultBackupRestoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ENDPOINT = "default-backup-1";
    private static final String KEY = VendorModels.FULL_CONFIG_KEY;

    @Inject
    DeviceManagementServer server;

    @Test
    void theBuiltInFlowsBackUpTheKeyAndRestoreTheNewestOrTheNamedBackup() {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(ENDPOINT)
                .objectModels(VendorModels.models())
                .storedObject(VendorModels.CONFIGURATION_OBJECT)
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, TIMEOUT)).isTrue();
            StoredResources configuration = fleet.device(ENDPOINT).storedObject(VendorModels.CONFIGURATION_OBJECT);
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> given().get("/api/devices/{endpoint}", ENDPOINT)
                            .then()
                            .statusCode(200)
                            .body("state", equalTo("online")));

            configuration.setText(VendorModels.FULL_CONFIG, "alpha");
            String firstTask = backup();
            JsonPath first = ended(onlyExecution(firstTask), "SUCCESS");
            assertThat(first.getString("processId")).isEqualTo("dm-backup");
            String firstBackup = first.getString("result");
            assertThat(firstBackup).startsWith("backup-" + ENDPOINT + "-");
            assertThat(content(firstBackup)).isEqualTo("alpha");
            Map<String, String> properties = given().get("/api/resources/{id}", firstBackup)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("properties");
            assertThat(properties)
                    .containsEntry("key", KEY)
                    .containsEntry("endpoint", ENDPOINT)
                    .containsEntry("taskId", firstTask)
                    .containsKey("softwareVersion");

            configuration.setText(VendorModels.FULL_CONFIG, "beta");
            String secondBackup = ended(onlyExecution(backup()), "SUCCESS").getString("result");
            assertThat(content(secondBackup)).isEqualTo("beta");

            configuration.setText(VendorModels.FULL_CONFIG, "broken");
            JsonPath newest = ended(restore("{\"key\": \"%s\"}".formatted(KEY)), "SUCCESS");
            assertThat(newest.getString("processId")).isEqualTo("dm-restore");
            assertThat(newest.getString("result")).isEqualTo(secondBackup);
            assertThat(configuration.text(VendorModels.FULL_CONFIG)).isEqualTo("beta");

            JsonPath named =
                    ended(restore("{\"key\": \"%s\", \"resourceId\": \"%s\"}".formatted(KEY, firstBackup)), "SUCCESS");
            assertThat(named.getString("result")).isEqualTo(firstBackup);
            assertThat(configuration.text(VendorModels.FULL_CONFIG)).isEqualTo("alpha");

            // a key never backed up on this device: nothing is written
            JsonPath none = ended(restore("{\"key\": \"/3/0/15\"}"), "ERROR");
            assertThat(none.getString("details")).isEqualTo("there is no backup of /3/0/15 for this device");
            JsonPath keyless = ended(onlyExecution(submit("""
                    {"type": "BackupTask", "target": {"device": "%s"}}""".formatted(ENDPOINT))), "ERROR");
            assertThat(keyless.getString("details"))
                    .isEqualTo("BackupTask needs the task property key: the data model key to back up");
            assertThat(configuration.writes()).containsExactly("0=beta", "0=alpha");
        }
    }

    private static String backup() {
        return submit("""
                {"type": "BackupTask", "target": {"device": "%s"}, "properties": {"key": "%s"}}""".formatted(ENDPOINT, KEY));
    }

    private static String restore(String properties) {
        return onlyExecution(submit("""
                {"type": "RestoreTask", "target": {"device": "%s"}, "properties": %s}""".formatted(ENDPOINT, properties)));
    }

    private static JsonPath ended(String execution, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(given().get("/api/executions/{id}", execution)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("status"))
                        .isIn("SUCCESS", "ERROR", "WARNING", "CANCELLED"));
        return given().get("/api/executions/{id}", execution)
                .then()
                .log()
                .ifValidationFails()
                .body("status", equalTo(status))
                .extract()
                .jsonPath();
    }
}
