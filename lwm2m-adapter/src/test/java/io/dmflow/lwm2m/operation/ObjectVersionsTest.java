package io.dmflow.lwm2m.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerInternals;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Devices implementing older object versions (what an LwM2M 1.1 client without explicit versions means:
 * Device 1.1, Connectivity Monitoring 1.2, Firmware Update 1.0; and Temperature 1.0) are read with typed values,
 * like devices implementing the newest versions. Real server and devices over UDP on loopback.
 */
class ObjectVersionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static DeviceManagementServer server;
    private static DeviceClient operations;
    private static SimulatedFleet olderVersions;
    private static SimulatedFleet newestVersions;

    @BeforeAll
    static void start() {
        server = DeviceManagementServer.builder(ServerSettings.loopback()).build();
        server.start();
        operations = server.operations();
        String uri = server.coapUri().orElseThrow().toString();
        olderVersions = SimulatedFleet.builder()
                .serverUri(uri)
                .endpoint("older")
                .manufacturer("Acme")
                .objectVersion(3, "1.1")
                .objectVersion(4, "1.2")
                .objectVersion(5, "1.0")
                .objectVersion(3303, "1.0")
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
        newestVersions = SimulatedFleet.builder()
                .serverUri(uri)
                .endpoint("newest")
                .manufacturer("Acme")
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        olderVersions.close();
        newestVersions.close();
        server.close();
    }

    private static Object read(String endpoint, String key, DataFormat format) throws Exception {
        return operations
                .read(endpoint, key, format)
                .get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)
                .value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"older", "newest"})
    void singleResourcesAreTyped(String endpoint) throws Exception {
        assertThat(read(endpoint, "/5/0/3", null)).isEqualTo(0L);
        assertThat(read(endpoint, "/5/0/5", null)).isEqualTo(0L);
        assertThat(read(endpoint, "/3303/0/5700", null)).isInstanceOf(Double.class);
        Object currentTime = read(endpoint, "/3/0/13", null);
        assertThat(currentTime).isInstanceOf(String.class);
        assertThat(Duration.between(Instant.parse((String) currentTime), Instant.now())
                        .abs())
                .isLessThan(Duration.ofMinutes(1));
        assertThat(read(endpoint, "/4/0/2", null)).isInstanceOf(Long.class); // Radio Signal Strength
    }

    @ParameterizedTest
    @ValueSource(strings = {"older", "newest"})
    void instancesReadAsTlvAreTyped(String endpoint) throws Exception {
        Map<?, ?> firmware = (Map<?, ?>) read(endpoint, "/5/0", DataFormat.TLV);
        assertThat(firmware.get("3")).isEqualTo(0L);
        assertThat(firmware.get("5")).isEqualTo(0L);
        Map<?, ?> device = (Map<?, ?>) read(endpoint, "/3/0", DataFormat.TLV);
        assertThat(device.get("0")).isEqualTo("Acme");
        assertThat(Instant.parse((String) device.get("13")))
                .isBefore(Instant.now().plusSeconds(60));
        Map<?, ?> temperature = (Map<?, ?>) read(endpoint, "/3303/0", DataFormat.TLV);
        assertThat(temperature.get("5700")).isInstanceOf(Double.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"older", "newest"})
    void aDeviceExposesOnlyTheResourcesOfTheVersionItAnnounces(String endpoint) throws Exception {
        Registration registration =
                ServerInternals.leshan(server).getRegistrationService().getByEndpoint(endpoint);
        @SuppressWarnings("unchecked")
        Map<String, Object> temperature = (Map<String, Object>) read(endpoint, "/3303/0", DataFormat.TLV);
        if (endpoint.equals("older")) {
            assertThat(registration.getSupportedVersion(5)).isEqualTo(new Version("1.0"));
            assertThat(registration.getSupportedVersion(3303)).isEqualTo(new Version("1.0"));
            assertThat(temperature).doesNotContainKey("5518"); // Timestamp came with 1.1
        } else {
            assertThat(registration.getSupportedVersion(5)).isEqualTo(new Version("1.1"));
            assertThat(temperature.get("5518")).isInstanceOf(String.class);
        }
    }

    @Test
    void writesFollowTheVersionTheDeviceAnnounced() throws Exception {
        // Application Type came with Temperature 1.1: refused before anything is sent to a 1.0 device
        assertThatThrownBy(() -> operations
                        .write("older", "/3303/0/5750", "Outdoor", WriteMode.REPLACE)
                        .get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InvalidOperation.class)
                .hasMessageContaining("has no resource 5750");
        operations
                .write("newest", "/3303/0/5750", "Outdoor", WriteMode.REPLACE)
                .get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        assertThat(read("newest", "/3303/0/5750", null)).isEqualTo("Outdoor");
    }
}
