package io.dmflow.lwm2m.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.dmflow.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DTLS PSK and RPK against the management server over real UDP on loopback: who gets in and who does not. */
class DtlsSecurityTest {

    private static final Duration REGISTERED = Duration.ofSeconds(10);

    private static final KeyPair SERVER_KEYS = TestKeys.ecP256();
    private static final KeyPair KNOWN_DEVICE_KEYS = TestKeys.ecP256();
    private static DeviceSecurityStore security;
    private static DeviceManagementServer server;
    private static final List<String> deregistered = new CopyOnWriteArrayList<>();

    static byte[] key(String seed) {
        return ("psk-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() {
        security = DeviceSecurityStore.inMemory();
        server = DeviceManagementServer.builder(ServerSettings.loopback())
                .securityStore(security)
                .serverKeyPair(SERVER_KEYS)
                .build();
        server.addListener(new DeviceEventListener() {
            @Override
            public void deregistered(DeviceRegistration registration) {
                deregistered.add(registration.endpoint());
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SimulatedFleet.Builder devices(String prefix, int count) {
        return SimulatedFleet.builder()
                .serverUri(server.coapsUri().orElseThrow())
                .endpointPrefix(prefix)
                .count(count)
                .objects()
                .requestTimeout(Duration.ofSeconds(2))
                .registrationRetry(Duration.ofMillis(500));
    }

    /**
     * Asks a device that still believes itself registered for an update: the server has forgotten its session, so
     * the device registers anew, and this waits until that registration has been turned away.
     */
    private static void awaitRefusedAtItsNextAttempt(SimulatedDevice device) {
        int refused = device.failedRegistrationCount();
        device.triggerRegistrationUpdate();
        await().atMost(Duration.ofSeconds(15)).until(() -> device.failedRegistrationCount() > refused);
    }

    @Test
    void devicesWithTheirOwnPskOrPublicKeyRegisterAndEveryOtherAttemptIsRefused() throws Exception {
        security.put("sec-0", ClientCredentials.psk("id-sec-0", key("sec-0")));
        security.put("sec-1", ClientCredentials.rpk(KNOWN_DEVICE_KEYS.getPublic()));
        security.put("sec-2", ClientCredentials.psk("id-sec-2", key("sec-2")));
        security.put("sec-4", ClientCredentials.psk("id-sec-4", key("sec-4")));
        security.put("sec-5", ClientCredentials.rpk(TestKeys.ecP256().getPublic()));
        security.put("sec-6", ClientCredentials.psk("id-sec-6", key("sec-6")));
        try (SimulatedFleet fleet = devices("sec-", 6)
                        .credentials(ep -> switch (ep) {
                            case "sec-0" -> DeviceCredentials.psk("id-sec-0", key("sec-0"));
                            case "sec-1" -> DeviceCredentials.rawPublicKey(KNOWN_DEVICE_KEYS, SERVER_KEYS.getPublic());
                            case "sec-2" -> DeviceCredentials.psk("id-sec-2", key("a wrong key")); // wrong key
                            case "sec-3" -> DeviceCredentials.psk("id-nobody", key("sec-3")); // identity nobody has
                            case "sec-4" ->
                                DeviceCredentials.psk("id-sec-0", key("sec-0")); // another endpoint's valid PSK
                            default ->
                                DeviceCredentials.rawPublicKey(
                                        TestKeys.ecP256(), SERVER_KEYS.getPublic()); // key not on record
                        })
                        .build();
                SimulatedFleet noSec = SimulatedFleet.builder()
                        .serverUri(server.coapUri().orElseThrow())
                        .endpoint("sec-6")
                        .objects()
                        .requestTimeout(Duration.ofSeconds(2))
                        .build()) {
            fleet.start();
            noSec.start();

            assertThat(fleet.device("sec-0").awaitRegistered(REGISTERED)).isTrue();
            assertThat(fleet.device("sec-1").awaitRegistered(REGISTERED)).isTrue();
            DeviceClient operations = server.operations();
            assertThat(operations
                            .read("sec-0", "/3/0/0")
                            .get(5, TimeUnit.SECONDS)
                            .value())
                    .isEqualTo("dmflow");
            assertThat(operations
                            .read("sec-1", "/3/0/0")
                            .get(5, TimeUnit.SECONDS)
                            .value())
                    .isEqualTo("dmflow");

            for (String refused : List.of("sec-2", "sec-3", "sec-4", "sec-5")) {
                SimulatedDevice device = fleet.device(refused);
                // turned away twice: its retry is refused as well
                await().atMost(Duration.ofSeconds(20)).until(() -> device.failedRegistrationCount() >= 2);
                assertThat(device.isRegistered()).as(refused).isFalse();
                assertThat(server.registration(refused)).as(refused).isEmpty();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> noSec.device().failedRegistrationCount() >= 1);
            assertThat(noSec.device().isRegistered())
                    .as("NoSec for an endpoint with credentials")
                    .isFalse();
            assertThat(server.registration("sec-6")).isEmpty();
        }
    }

    @Test
    void credentialsAddedChangedAndRemovedAtRunTimeTakeEffectAtOnce() throws Exception {
        try (SimulatedFleet first = devices("rt-", 1)
                .credentials(ep -> DeviceCredentials.psk("id-rt-0", key("first")))
                .build()) {
            first.start();
            assertThat(first.device().awaitRegistered(Duration.ofSeconds(2)))
                    .as("no credentials yet")
                    .isFalse();

            security.put("rt-0", ClientCredentials.psk("id-rt-0", key("first")));
            assertThat(first.device().awaitRegistered(REGISTERED))
                    .as("registers at its next attempt")
                    .isTrue();

            security.put("rt-0", ClientCredentials.psk("id-rt-0", key("second")));
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> server.registration("rt-0").isEmpty());
            assertThat(deregistered).contains("rt-0");
            awaitRefusedAtItsNextAttempt(first.device());
            assertThat(server.registration("rt-0"))
                    .as("the old key no longer gets in")
                    .isEmpty();
        }
        try (SimulatedFleet second = devices("rt-", 1)
                .credentials(ep -> DeviceCredentials.psk("id-rt-0", key("second")))
                .build()) {
            second.start();
            assertThat(second.device().awaitRegistered(REGISTERED)).isTrue();

            security.remove("rt-0");
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> server.registration("rt-0").isEmpty());
            awaitRefusedAtItsNextAttempt(second.device());
            assertThat(server.registration("rt-0"))
                    .as("removed credentials no longer get in")
                    .isEmpty();
        }
    }

    @Test
    void anIdentityOrPublicKeyBelongsToOneEndpoint() {
        security.put("dup-0", ClientCredentials.psk("id-dup", key("dup")));
        KeyPair keys = TestKeys.ecP256();
        security.put("dup-1", ClientCredentials.rpk(keys.getPublic()));

        assertThatThrownBy(() -> security.put("dup-2", ClientCredentials.psk("id-dup", key("other"))))
                .isInstanceOf(DuplicateIdentityException.class)
                .hasMessageContaining("dup-0")
                .hasMessageNotContaining("psk-");
        assertThatThrownBy(() -> security.put("dup-3", ClientCredentials.rpk(keys.getPublic())))
                .isInstanceOf(DuplicateIdentityException.class)
                .hasMessageContaining("dup-1");
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        KeyPair keys = TestKeys.ecP256();
        String hexKey = java.util.HexFormat.of().formatHex(key("secret"));
        ClientCredentials psk = ClientCredentials.psk("id-print", key("secret"));
        ClientCredentials rpk = ClientCredentials.rpk(keys.getPublic(), keys.getPrivate());

        assertThat(psk.toString() + psk.fingerprint())
                .contains("id-print")
                .doesNotContain("psk-secret")
                .doesNotContain(hexKey);
        assertThat(rpk.toString() + rpk.fingerprint())
                .doesNotContain(
                        java.util.HexFormat.of().formatHex(keys.getPrivate().getEncoded()));
        assertThat(psk.toSecurityInfo("ep").toString()).doesNotContain(hexKey).doesNotContain("psk-secret");
    }
}
