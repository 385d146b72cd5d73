package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.NEW_VERSION;
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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A pull without a {@code baseUrl} takes the configured public URL base of its protocol (Coiote's
 * preferredPublicURLBaseHTTP): the Package URI written to the device starts with it, and the device downloads
 * from there.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(PublicUrlBaseTest.Settings.class)
class PublicUrlBaseTest {

    /** The HTTP port is fixed, found free when the profile is made, so that the public base can name it. */
    public static class Settings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = freePort();
            Map<String, String> settings = new HashMap<>(new FirmwareSettings().getConfigOverrides());
            settings.put("quarkus.http.test-port", Integer.toString(port));
            settings.put("dmflow.lwm2m.delivery.public-url-base-http", "http://127.0.0.1:" + port);
            return settings;
        }
    }

    @Inject
    DeviceManagementServer server;

    // Read back from the settings: the profile may be made in another class loader than this test's.
    @ConfigProperty(name = "dmflow.lwm2m.delivery.public-url-base-http")
    String publicBase;

    @Test
    void anHttpPullWithoutABaseUrlUsesTheConfiguredPublicBase() {
        String image = storeImage("fw-public-base-image");
        try (SimulatedFleet fleet = start(fleet(server.coapUri().orElseThrow(), "fw-public-base"), "fw-public-base")) {
            SimulatedDevice device = fleet.device();

            ended(update("fw-public-base", image, "\"transferMethod\": \"Pull\", \"protocol\": \"http\""), "SUCCESS");

            assertThat(device.firmware().packageUri()).startsWith(publicBase + "/packages/");
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
