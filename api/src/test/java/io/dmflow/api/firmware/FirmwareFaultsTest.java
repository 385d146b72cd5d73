package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.ended;
import static io.dmflow.api.firmware.FirmwareDevices.fleet;
import static io.dmflow.api.firmware.FirmwareDevices.start;
import static io.dmflow.api.firmware.FirmwareDevices.storeImage;
import static io.dmflow.api.firmware.FirmwareDevices.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.UpdateResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every failing Update Result (2 to 9) ends the update ERROR with the code and its meaning in the details, the old
 * firmware still installed; with ignoreFaults the execution goes on to WARNING and keeps result ERROR.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareSettings.class)
class FirmwareFaultsTest {

    @Inject
    DeviceManagementServer server;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(
            value = UpdateResult.class,
            names = {
                "NOT_ENOUGH_FLASH",
                "OUT_OF_RAM",
                "CONNECTION_LOST",
                "INTEGRITY_CHECK_FAILURE",
                "UNSUPPORTED_PACKAGE_TYPE",
                "INVALID_URI",
                "UPDATE_FAILED",
                "UNSUPPORTED_PROTOCOL"
            })
    void aFailingUpdateResultEndsTheUpdateInErrorNamingIt(UpdateResult failure) {
        String endpoint = "fw-fault-" + failure.code();
        String image = storeImage("fw-fault-image-" + failure.code());
        try (SimulatedFleet fleet = start(fleet(coap(), endpoint), endpoint)) {
            SimulatedDevice device = fleet.device();
            inject(device, failure);

            JsonPath execution = ended(update(endpoint, image, ""), "ERROR");

            assertThat(execution.getString("result")).isEqualTo("ERROR");
            assertThat(execution.getString("details"))
                    .contains(
                            "updateResult=" + failure.code() + " (",
                            "oldFirmwareVersion=" + FirmwareDevices.OLD_VERSION);
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(FirmwareDevices.OLD_VERSION);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = UpdateResult.class,
            names = {"INTEGRITY_CHECK_FAILURE", "UPDATE_FAILED"})
    void withIgnoreFaultsAFailedUpdateGoesOnAsAWarning(UpdateResult failure) {
        String endpoint = "fw-ignore-" + failure.code();
        String image = storeImage("fw-ignore-image-" + failure.code());
        try (SimulatedFleet fleet = start(fleet(coap(), endpoint), endpoint)) {
            inject(fleet.device(), failure);

            JsonPath execution = ended(update(endpoint, image, "\"ignoreFaults\": \"true\""), "WARNING");

            assertThat(execution.getString("result")).isEqualTo("ERROR");
            assertThat(execution.getString("details")).contains("updateResult=" + failure.code());
        }
    }

    private static void inject(SimulatedDevice device, UpdateResult failure) {
        if (failure == UpdateResult.UPDATE_FAILED) {
            device.firmware().faults().failUpdateWith(failure);
        } else {
            device.firmware().faults().failDownloadWith(failure);
        }
    }
}
