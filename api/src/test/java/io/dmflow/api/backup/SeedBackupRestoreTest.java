package io.dmflow.api.backup;

import static io.dmflow.api.testing.TaskApi.saveTemplate;
import static io.dmflow.api.testing.TaskApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.stored.StoredResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1 of the task spine: the reference product's backup and restore templates, unchanged but for their
 * two placeholders, run as a device's {@code customBackupTask} / {@code customRestoreTask}. A backup ring across runs
 * needs one task id, as a periodic task has: the runs are re-runs of one BackupTask ({@code POST /api/tasks/{id}/runs}).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(VendorModels.class)
class SeedBackupRestoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ENDPOINT = "seed-backup-1";
    private static final DateTimeFormatter TEMPLATE_DATE =
            DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Inject
    DeviceManagementServer server;

    @Test
    void theSeedTemplatesKeepARingOfBackupsAndRestoreTheChosenOne() {
        saveTemplate("seedBackup", seed("seedBackup.xml"));
        saveTemplate("seedRestore", seed("seedRestore.xml"));
        given().contentType(ContentType.BINARY)
                .body("template".getBytes(StandardCharsets.UTF_8))
                .put("/api/resources/backupTemplate/data")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));

        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(ENDPOINT)
                .firmwareVersion("4.2.0")
                .objectModels(VendorModels.models())
                .storedObject(VendorModels.CONFIGURATION_OBJECT)
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, TIMEOUT)).isTrue();
            SimulatedDevice device = fleet.device(ENDPOINT);
            StoredResources configuration = device.storedObject(VendorModels.CONFIGURATION_OBJECT);
            awaitOnline();
            // the device reports its firmware version (Send), so the data model knows device.softwareVersion
            assertThat(device.sendData("/3/0/3")).isTrue();
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> given().get("/api/devices/{endpoint}/values", ENDPOINT)
                            .then()
                            .statusCode(200)
                            .body("path", hasItem("/3/0/3")));
            setDeviceProperty("customBackupTask", "seedBackup");
            setDeviceProperty("customRestoreTask", "seedRestore");

            configuration.setText(VendorModels.FULL_CONFIG, "config one");
            String task = submit("""
                    {"type": "BackupTask", "target": {"device": "%s"},
                     "properties": {"backupNumber": "2", "intervalTime": "1"}}""".formatted(ENDPOINT));
            awaitSuccess(onlyExecution(task));
            String ring0 = "backup-" + ENDPOINT + "-" + task + "-0";
            String ring1 = "backup-" + ENDPOINT + "-" + task + "-1";
            assertThat(content(ring0)).isEqualTo("config one");
            Map<String, String> resource0 = given().get("/api/resources/{id}", ring0)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("properties");
            assertThat(resource0)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "softwareVersion",
                            "4.2.0",
                            "relatedDeviceProperties",
                            ring0 + "-Timestamp",
                            "customRestoreTask",
                            "seedRestore"));
            assertThat(deviceProperty(task + "-nextNumber")).isEqualTo("1");
            long firstBackupAt = Long.parseLong(deviceProperty(ring0 + "-Timestamp"));
            // each store reads the clock anew: the interval starts just after the backup's own timestamp
            assertThat(Long.parseLong(deviceProperty(task + "-lastBackupTimestamp")))
                    .isBetween(firstBackupAt, firstBackupAt + TIMEOUT.toMillis());

            // inside the interval: the run succeeds and backs nothing up
            configuration.setText(VendorModels.FULL_CONFIG, "config two");
            String inside = rerun(task);
            awaitSuccess(inside);
            assertThat(logOf(inside)).noneMatch(message -> message.startsWith("performing backup"));
            given().get("/api/resources/{id}", ring1).then().statusCode(404);
            assertThat(content(ring0)).isEqualTo("config one");
            assertThat(deviceProperty(task + "-nextNumber")).isEqualTo("1");

            // an interval later (the stored timestamp moved back two hours): the second slot
            long secondBackupAt = backupAnIntervalLater(task, ring1, "config two", "0");
            assertThat(secondBackupAt).isGreaterThanOrEqualTo(firstBackupAt);

            // the restore window below is written in whole seconds: let the clock leave the second backup's second
            long windowEnd = secondBackupAt / 1000 * 1000 + 1000;
            await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > windowEnd + 1000);
            // another interval later: the ring wraps and the first slot is replaced
            configuration.setText(VendorModels.FULL_CONFIG, "config three");
            long thirdBackupAt = backupAnIntervalLater(task, ring0, "config three", "1");
            assertThat(thirdBackupAt).isGreaterThan(windowEnd);
            List<String> ring = given().queryParam("idPrefix", "backup-" + ENDPOINT)
                    .get("/api/resources")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertThat(ring).containsExactlyInAnyOrder(ring0, ring1);

            // restore without a window: the newest backup goes back to the device. The template's default end is now
            // in whole seconds, and a backup must be older than the end: a backup of this very second is not yet
            // restorable, so the clock must first leave the third backup's second.
            await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() >= thirdBackupAt / 1000 * 1000 + 1000);
            configuration.setText(VendorModels.FULL_CONFIG, "broken");
            restore("{}");
            assertThat(configuration.text(VendorModels.FULL_CONFIG)).isEqualTo("config three");

            // a window around the second backup only
            restore("""
                    {"fromDate": "%s", "toDate": "%s"}""".formatted(
                            TEMPLATE_DATE.format(Instant.ofEpochMilli(windowEnd - 2000)),
                            TEMPLATE_DATE.format(Instant.ofEpochMilli(windowEnd))));
            assertThat(configuration.text(VendorModels.FULL_CONFIG)).isEqualTo("config two");

            // a named backup
            restore("""
                    {"resourceId": "%s"}""".formatted(ring0));
            assertThat(configuration.text(VendorModels.FULL_CONFIG)).isEqualTo("config three");
            assertThat(configuration.writes()).containsExactly("0=config three", "0=config two", "0=config three");
        }
    }

    private void restore(String properties) {
        String task = submit("""
                {"type": "RestoreTask", "target": {"device": "%s"}, "properties": %s}""".formatted(ENDPOINT, properties));
        String execution = onlyExecution(task);
        awaitSuccess(execution);
        assertThat(given().get("/api/executions/{id}", execution)
                        .then()
                        .extract()
                        .<String>path("processId"))
                .isEqualTo("template-seedRestore");
    }

    /**
     * Moves the task's stored last-backup time two hours back, so an interval has passed for the template, runs
     * the task again and checks the slot it filled; answers the slot's timestamp.
     */
    private static long backupAnIntervalLater(String task, String slot, String image, String nextNumber) {
        long stored = Long.parseLong(deviceProperty(task + "-lastBackupTimestamp"));
        setDeviceProperty(
                task + "-lastBackupTimestamp",
                String.valueOf(stored - Duration.ofHours(2).toMillis()));
        awaitSuccess(rerun(task));
        assertThat(content(slot)).isEqualTo(image);
        assertThat(deviceProperty(task + "-nextNumber")).isEqualTo(nextNumber);
        return Long.parseLong(deviceProperty(slot + "-Timestamp"));
    }

    private static String seed(String file) {
        try (InputStream in = SeedBackupRestoreTest.class.getResourceAsStream("/seed/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rerun(String task) {
        return given().post("/api/tasks/{id}/runs", task)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("executions[0]");
    }

    static String onlyExecution(String task) {
        return given().queryParam("task", task)
                .get("/api/executions")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .extract()
                .path("items[0].id");
    }

    static void awaitSuccess(String execution) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(given().get("/api/executions/{id}", execution)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("status"))
                        .isIn("SUCCESS", "ERROR", "WARNING", "CANCELLED"));
        given().get("/api/executions/{id}", execution)
                .then()
                .log()
                .ifValidationFails()
                .body("status", equalTo("SUCCESS"));
    }

    static List<String> logOf(String execution) {
        return given().get("/api/executions/{id}/log", execution)
                .then()
                .statusCode(200)
                .extract()
                .path("message");
    }

    static String content(String resourceId) {
        return given().get("/api/resources/{id}/data", resourceId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    static void setDeviceProperty(String name, String value) {
        given().contentType(ContentType.TEXT)
                .body(value)
                .put("/api/devices/{endpoint}/properties/{name}", ENDPOINT, name)
                .then()
                .statusCode(200);
    }

    static String deviceProperty(String name) {
        return given().get("/api/devices/{endpoint}/properties/{name}", ENDPOINT, name)
                .then()
                .statusCode(200)
                .extract()
                .path("value");
    }

    private static void awaitOnline() {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().get("/api/devices/{endpoint}", ENDPOINT)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("online")));
    }
}
