package io.dmflow.api.firmware;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.lwm2m.delivery.InMemoryPackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.object.firmware.FirmwareUpdate;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;

/** What the firmware tests do over and over: devices on 1.0.0, stored images of 2.0.0, tasks and their ends. */
final class FirmwareDevices {

    static final String OLD_VERSION = "1.0.0";
    static final String NEW_VERSION = "2.0.0";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private FirmwareDevices() {}

    static SimulatedFleet.Builder fleet(URI server, String endpoint) {
        // A device that rebooted while offline registers again soon after its link is back.
        return SimulatedFleet.builder()
                .serverUri(server)
                .endpoint(endpoint)
                .firmwareVersion(OLD_VERSION)
                .lifetime(Duration.ofSeconds(300))
                .registrationRetry(Duration.ofSeconds(1));
    }

    static SimulatedFleet start(SimulatedFleet.Builder builder, String... endpoints) {
        SimulatedFleet fleet = builder.build().start();
        if (!fleet.awaitRegisteredCount(endpoints.length, TIMEOUT)) {
            throw new AssertionError("the simulated devices did not register");
        }
        for (String endpoint : endpoints) {
            TaskApi.awaitDeviceState(endpoint, "online");
        }
        return fleet;
    }

    /** Stores a 2.0.0 image (a few blocks: small enough to be quick, large enough to be block-wise). */
    static String storeImage(String id) {
        byte[] image = PackageFormat.build("dmflow-fw", NEW_VERSION, 3000);
        given().contentType(ContentType.BINARY)
                .body(image)
                .put("/api/resources/{id}/data?category=firmware", id)
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        return id;
    }

    /**
     * Pushes a 1.5.0 image to the device outside any task, as an update that never ran leaves one behind, and waits
     * until the device holds it in Downloaded.
     */
    static void leaveEarlierImage(DeviceManagementServer server, SimulatedDevice device) {
        server.delivery()
                .push(
                        device.endpoint(),
                        "/5/0/0",
                        new InMemoryPackageSource("earlier", PackageFormat.build("dmflow-fw", "1.5.0", 500)))
                .join();
        await().atMost(TIMEOUT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
    }

    /** Submits a firmware update of {@code endpoint}; {@code properties} are the JSON members after resourceId. */
    static String update(String endpoint, String resourceId, String properties) {
        String more = properties.isBlank() ? "" : ", " + properties;
        return TaskApi.executionOf(TaskApi.submit("""
                {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "%s"},
                 "properties": {"resourceId": "%s", "statePollInterval": "PT1S"%s}}""".formatted(endpoint, resourceId, more)));
    }

    /** Waits for the execution to end with {@code status}; answers it. */
    static JsonPath ended(String execution, String status) {
        return TaskApi.ended(execution, status, TIMEOUT);
    }

    /** How many times the device started receiving a package. */
    static long downloads(FirmwareUpdate firmware) {
        return firmware.stateHistory().stream()
                .filter(state -> state == FirmwareState.DOWNLOADING)
                .count();
    }
}
