package io.dmflow.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.TestLwM2mServer;
import io.dmflow.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import org.eclipse.leshan.core.request.ReadRequest;
import org.junit.jupiter.api.Test;

class SecureRegistrationTest {

    static byte[] keyOf(String endpoint) {
        return ("key-of-" + endpoint).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void devicesWithTheirPskRegisterOverDtlsAndAWrongKeyIsRefused() throws Exception {
        try (TestLwM2mServer server = TestLwM2mServer.startSecure()) {
            for (String endpoint : new String[] {"psk-0", "psk-1", "psk-2"}) {
                server.addPsk(endpoint, endpoint, keyOf(endpoint));
            }
            try (SimulatedFleet good = SimulatedFleet.builder()
                            .serverUri(server.coapsUri())
                            .endpointPrefix("psk-")
                            .count(2)
                            .objects(SupportedObject.TEMPERATURE)
                            .credentials(ep -> DeviceCredentials.psk(ep, keyOf(ep)))
                            .build();
                    SimulatedFleet wrong = SimulatedFleet.builder()
                            .serverUri(server.coapsUri())
                            .endpoint("psk-2")
                            .objects()
                            .requestTimeout(Duration.ofSeconds(3))
                            .credentials(ep -> DeviceCredentials.psk(ep, keyOf("someone-else")))
                            .build()) {
                good.start().awaitRegistered(Duration.ofSeconds(15));
                wrong.start();

                assertThat(server.registration("psk-0")
                                .getClientTransportData()
                                .getIdentity()
                                .toString())
                        .contains("psk-0");
                assertThat(server.send("psk-1", new ReadRequest(3303, 0, 5700)).isSuccess())
                        .isTrue();
                SimulatedDevice refused = wrong.device();
                assertThat(refused.awaitRegistered(Duration.ofSeconds(4))).isFalse();
                assertThat(server.registration("psk-2")).isNull();
            }
        }
    }

    @Test
    void aDeviceWithItsRawPublicKeyRegistersAndAnUnknownKeyIsRefused() throws Exception {
        try (TestLwM2mServer server = TestLwM2mServer.startSecure()) {
            KeyPair known = TestKeys.ecP256();
            server.addRpk("rpk-0", known.getPublic());
            server.addRpk("rpk-1", TestKeys.ecP256().getPublic());
            try (SimulatedFleet fleet = SimulatedFleet.builder()
                    .serverUri(server.coapsUri())
                    .endpointPrefix("rpk-")
                    .count(2)
                    .objects()
                    .requestTimeout(Duration.ofSeconds(3))
                    .credentials(ep -> DeviceCredentials.rawPublicKey(
                            ep.equals("rpk-0") ? known : TestKeys.ecP256(), server.publicKey()))
                    .build()) {
                fleet.start();

                assertThat(fleet.device("rpk-0").awaitRegistered(Duration.ofSeconds(15)))
                        .isTrue();
                assertThat(server.send("rpk-0", new ReadRequest(3, 0, 0)).isSuccess())
                        .isTrue();
                assertThat(fleet.device("rpk-1").awaitRegistered(Duration.ofSeconds(3)))
                        .isFalse();
                assertThat(server.registration("rpk-1")).isNull();
            }
        }
    }

    @Test
    void aPskDeviceHandshakesAgainWithARestartedServerAndRegistersAnew() throws Exception {
        TestLwM2mServer first = TestLwM2mServer.startSecure();
        first.addPsk("psk-r", "psk-r", keyOf("psk-r"));
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(first.coapsUri())
                .endpoint("psk-r")
                .objects()
                .requestTimeout(Duration.ofSeconds(2))
                .credentials(ep -> DeviceCredentials.psk(ep, keyOf(ep)))
                .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(15)).device();

            try (TestLwM2mServer restarted = TestLwM2mServer.restartSecure(first)) {
                restarted.addPsk("psk-r", "psk-r", keyOf("psk-r"));
                device.triggerRegistrationUpdate(); // old DTLS session unknown: timeout, new handshake, 4.04, register

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> device.registrationCount() == 2 && device.isRegistered());
                assertThat(restarted.send("psk-r", new ReadRequest(3, 0, 0)).isSuccess())
                        .isTrue();
            }
        }
    }

    @Test
    void credentialsMustMatchTheServerScheme() {
        assertThatThrownBy(() -> SimulatedFleet.builder()
                        .serverUri("coap://127.0.0.1:5683")
                        .endpoint("mismatch")
                        .credentials(ep -> DeviceCredentials.psk(ep, keyOf(ep)))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coaps://")
                .hasMessageNotContaining("key-of");
    }

    @Test
    void credentialsNeverPrintTheKey() {
        assertThat(DeviceCredentials.psk("id-1", keyOf("id-1")).toString())
                .contains("id-1")
                .doesNotContain("key-of");
    }
}
