package io.dmflow.lwm2m.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.logging.CapturedLog;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.security.RefusalReason;
import io.dmflow.lwm2m.security.SecurityMode;
import io.dmflow.lwm2m.security.SecurityRefusals;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.dmflow.testing.TestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Devices that know only the bootstrap server get the named management server of their configuration, with DTLS
 * credentials, and are moved to another server by re-bootstrap; all over UDP and DTLS on loopback.
 */
class BootstrapServerTest {

    private static final Duration REGISTERED = Duration.ofSeconds(15);
    private static final KeyPair SERVER_A_KEYS = TestKeys.ecP256();
    private static final KeyPair BOOTSTRAP_KEYS = TestKeys.ecP256();

    private static DeviceSecurityStore securityA;
    private static DeviceSecurityStore securityB;
    private static DeviceManagementServer serverA;
    private static DeviceManagementServer serverB;
    private static InMemoryBootstrapConfigurations configurations;
    private static BootstrapServer bootstrap;
    private static final List<BootstrapResult> sessions = new CopyOnWriteArrayList<>();

    static byte[] key(String seed) {
        return ("bs-key-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() {
        securityA = DeviceSecurityStore.inMemory();
        securityB = DeviceSecurityStore.inMemory();
        serverA = DeviceManagementServer.builder(ServerSettings.loopback())
                .securityStore(securityA)
                .serverKeyPair(SERVER_A_KEYS)
                .build();
        serverB = DeviceManagementServer.builder(ServerSettings.loopback())
                .securityStore(securityB)
                .build();
        serverA.start();
        serverB.start();
        configurations = new InMemoryBootstrapConfigurations()
                .putServer(
                        ServerDefinition.management("dm-a", serverA.coapsUri().orElseThrow(), 101, SecurityMode.PSK))
                .putServer(ServerDefinition.rpkManagement(
                        "dm-a-rpk", serverA.coapsUri().orElseThrow(), 102, SERVER_A_KEYS.getPublic()))
                .putServer(
                        ServerDefinition.management("dm-b", serverB.coapsUri().orElseThrow(), 201, SecurityMode.PSK)
                                .withLifetime(Duration.ofSeconds(120)));
        // Management servers run elsewhere in real deployments; here each learns its devices' keys from the session.
        CredentialProvisioning provisioning = (endpoint, server, credentials) ->
                (server.name().startsWith("dm-a") ? securityA : securityB).put(endpoint, credentials);
        bootstrap = BootstrapServer.builder(BootstrapServerSettings.loopback())
                .configurations(configurations)
                .provisioning(provisioning)
                .serverKeyPair(BOOTSTRAP_KEYS)
                .build();
        bootstrap.addListener(sessions::add);
        bootstrap.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {bootstrap, serverA, serverB}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static SimulatedFleet.Builder device(String endpoint, URI bootstrapUri) {
        return SimulatedFleet.builder()
                .bootstrapServerUri(bootstrapUri.toString())
                .endpoint(endpoint)
                .objects()
                .requestTimeout(Duration.ofSeconds(3))
                .registrationRetry(Duration.ofSeconds(1));
    }

    private static BootstrapResult lastSession(String endpoint) {
        return sessions.stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aDeviceWithOnlyABootstrapUriGetsItsNamedServerAndRegistersOverDtlsPskThenReBootstrapMovesIt()
            throws Exception {
        configurations.put(BootstrapConfiguration.of(
                "bs-psk-0", ServerAssignment.of("dm-a", ClientCredentials.psk("id-bs-psk-0", key("a")))));
        try (SimulatedFleet fleet =
                device("bs-psk-0", bootstrap.coapUri().orElseThrow()).build()) {
            SimulatedDevice device = fleet.start().device();
            assertThat(device.awaitRegistered(REGISTERED)).isTrue();

            BootstrapResult first = lastSession("bs-psk-0");
            assertThat(first.finished()).isTrue();
            assertThat(first.servers()).containsExactly("dm-a");
            assertThat(first.lwm2mVersion())
                    .as("announced in Bootstrap-Discover")
                    .isPresent();
            assertThat(securityA.credentials("bs-psk-0")).contains(ClientCredentials.psk("id-bs-psk-0", key("a")));
            assertThat(serverA.securityIdentity("bs-psk-0")).contains("id-bs-psk-0");
            assertThat(serverA.operations()
                            .read("bs-psk-0", "/1/0/0")
                            .get(5, TimeUnit.SECONDS)
                            .value())
                    .isEqualTo(101L);

            // Re-bootstrap: the configuration now names dm-b; the trigger sends the device back to the bootstrap
            // server.
            configurations.put(BootstrapConfiguration.of(
                    "bs-psk-0", ServerAssignment.of("dm-b", ClientCredentials.psk("id-bs-psk-0-b", key("b")))));
            serverA.bootstrapTrigger().trigger("bs-psk-0").get(5, TimeUnit.SECONDS);

            await().atMost(REGISTERED)
                    .until(() -> serverB.registration("bs-psk-0").isPresent());
            assertThat(device.awaitRegistered(REGISTERED)).isTrue();
            BootstrapResult second = lastSession("bs-psk-0");
            assertThat(second.servers()).containsExactly("dm-b");
            assertThat(second.previousShortServerIds())
                    .as("Bootstrap-Read of /1 before the move")
                    .contains(101);
            assertThat(serverB.registration("bs-psk-0").orElseThrow().lifetimeSeconds())
                    .isEqualTo(120);
            assertThat(serverB.operations()
                            .read("bs-psk-0", "/3/0/0")
                            .get(5, TimeUnit.SECONDS)
                            .value())
                    .isEqualTo("dmflow");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> serverA.registration("bs-psk-0").isEmpty());
            assertThat(device.bootstrapCount()).isEqualTo(2);
        }
    }

    @Test
    void aConfigurationThatAlsoNamesABootstrapServerRewritesTheBootstrapAccountWhichTheNextReBootstrapUses()
            throws Exception {
        configurations.putServer(new ServerDefinition(
                "bs-self",
                ServerKind.BOOTSTRAP,
                bootstrap.coapUri().orElseThrow(),
                0,
                SecurityMode.NO_SEC,
                Optional.empty(),
                Duration.ofMinutes(5),
                "U",
                false,
                Duration.ofSeconds(1)));
        configurations.put(BootstrapConfiguration.of(
                "bs-both-0",
                ServerAssignment.noSec("bs-self"),
                ServerAssignment.of("dm-a", ClientCredentials.psk("id-bs-both-0", key("both")))));
        try (SimulatedFleet fleet =
                device("bs-both-0", bootstrap.coapUri().orElseThrow()).build()) {
            SimulatedDevice device = fleet.start().device();
            assertThat(device.awaitRegistered(REGISTERED)).isTrue();
            assertThat(lastSession("bs-both-0").servers()).containsExactly("bs-self", "dm-a");

            serverA.bootstrapTrigger().trigger("bs-both-0").get(5, TimeUnit.SECONDS);
            await().atMost(REGISTERED).until(() -> device.bootstrapCount() == 2 && device.isRegistered());
            assertThat(serverA.registration("bs-both-0")).isPresent();
        }
    }

    @Test
    void aDeviceGetsRpkCredentialsForItsManagementServerOverABootstrapPskSession() throws Exception {
        KeyPair deviceKeys = TestKeys.ecP256();
        bootstrap.credentials().put("bs-rpk-0", ClientCredentials.psk("bs-id-rpk-0", key("bootstrap")));
        configurations.put(BootstrapConfiguration.of(
                "bs-rpk-0",
                ServerAssignment.of(
                        "dm-a-rpk", ClientCredentials.rpk(deviceKeys.getPublic(), deviceKeys.getPrivate()))));
        try (SimulatedFleet fleet = device("bs-rpk-0", bootstrap.coapsUri().orElseThrow())
                .credentials(ep -> DeviceCredentials.psk("bs-id-rpk-0", key("bootstrap")))
                .build()) {
            SimulatedDevice device = fleet.start().device();

            assertThat(device.awaitRegistered(REGISTERED)).isTrue();
            assertThat(lastSession("bs-rpk-0").finished()).isTrue();
            assertThat(securityA.credentials("bs-rpk-0")).contains(ClientCredentials.rpk(deviceKeys.getPublic()));
            assertThat(serverA.operations()
                            .read("bs-rpk-0", "/3/0/0")
                            .get(5, TimeUnit.SECONDS)
                            .value())
                    .isEqualTo("dmflow");
        }
    }

    @Test
    void aDeviceAuthenticatesToTheBootstrapServerWithItsRawPublicKeyAndAStrangersKeyIsRefused() throws Exception {
        KeyPair deviceKeys = TestKeys.ecP256();
        bootstrap.credentials().put("bs-rpkbs-0", ClientCredentials.rpk(deviceKeys.getPublic()));
        bootstrap
                .credentials()
                .put("bs-rpkbs-1", ClientCredentials.rpk(TestKeys.ecP256().getPublic()));
        for (String endpoint : List.of("bs-rpkbs-0", "bs-rpkbs-1")) {
            configurations.put(BootstrapConfiguration.of(
                    endpoint, ServerAssignment.of("dm-b", ClientCredentials.psk("id-" + endpoint, key(endpoint)))));
        }
        try (SimulatedFleet known = device("bs-rpkbs-0", bootstrap.coapsUri().orElseThrow())
                        .credentials(ep -> DeviceCredentials.rawPublicKey(deviceKeys, BOOTSTRAP_KEYS.getPublic()))
                        .build();
                SimulatedFleet stranger = device(
                                "bs-rpkbs-1", bootstrap.coapsUri().orElseThrow())
                        .credentials(
                                ep -> DeviceCredentials.rawPublicKey(TestKeys.ecP256(), BOOTSTRAP_KEYS.getPublic()))
                        .build()) {
            known.start();
            stranger.start();
            assertThat(known.device().awaitRegistered(REGISTERED)).isTrue();
            assertThat(serverB.registration("bs-rpkbs-0")).isPresent();
            assertThat(stranger.device().bootstrapCount()).isZero();
            assertThat(sessions).noneMatch(s -> s.endpoint().equals("bs-rpkbs-1"));
        }
    }

    @Test
    void theBootstrapServerRefusesWrongKeysNoSecForSecuredDevicesAndUnknownDevices() throws Exception {
        bootstrap.credentials().put("bs-bad-0", ClientCredentials.psk("bs-id-bad-0", key("right")));
        bootstrap.credentials().put("bs-bad-1", ClientCredentials.psk("bs-id-bad-1", key("right")));
        for (String endpoint : List.of("bs-bad-0", "bs-bad-1", "bs-bad-2")) {
            configurations.put(BootstrapConfiguration.of(
                    endpoint, ServerAssignment.of("dm-a", ClientCredentials.psk("id-" + endpoint, key(endpoint)))));
        }
        try (SimulatedFleet wrongKey = device("bs-bad-0", bootstrap.coapsUri().orElseThrow())
                        .credentials(ep -> DeviceCredentials.psk("bs-id-bad-0", key("wrong")))
                        .build();
                SimulatedFleet noSec =
                        device("bs-bad-1", bootstrap.coapUri().orElseThrow()).build();
                SimulatedFleet othersIdentity = device(
                                "bs-bad-2", bootstrap.coapsUri().orElseThrow())
                        .credentials(ep -> DeviceCredentials.psk("bs-id-bad-0", key("right")))
                        .build();
                SimulatedFleet unknown =
                        device("bs-unknown", bootstrap.coapUri().orElseThrow()).build()) {
            wrongKey.start();
            noSec.start();
            othersIdentity.start();
            unknown.start();

            for (SimulatedFleet fleet : List.of(wrongKey, noSec, othersIdentity, unknown)) {
                SimulatedDevice device = fleet.device();
                // Turned away twice: its retry is refused as well. A refused DTLS handshake can take the client's
                // handshake retransmissions to fail, longer on a loaded machine than the plain CoAP refusals.
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(device.failedBootstrapCount())
                                .as(
                                        "%s: failed bootstraps (bootstraps %d, registered %s)",
                                        device.endpoint(), device.bootstrapCount(), device.isRegistered())
                                .isGreaterThanOrEqualTo(2));
                assertThat(device.bootstrapCount()).as(device.endpoint()).isZero();
                assertThat(device.isRegistered()).as(device.endpoint()).isFalse();
            }
            assertThat(sessions)
                    .noneMatch(s ->
                            s.endpoint().startsWith("bs-bad") || s.endpoint().equals("bs-unknown"));
            assertThat(securityA.credentials("bs-bad-0")).isEmpty();
            SecurityRefusals refusals = bootstrap.securityRefusals();
            assertThat(refusals.count(RefusalReason.WRONG_PSK_KEY))
                    .as("wrong key")
                    .isPositive();
            assertThat(refusals.count(RefusalReason.NOT_SECURED))
                    .as("plain CoAP")
                    .isPositive();
            assertThat(refusals.count(RefusalReason.WRONG_CREDENTIALS))
                    .as("another's identity")
                    .isPositive();
        }
    }

    @Test
    void aDeviceWithoutConfigurationIsToldSoAndLoggedOnceAlthoughItAsksAgain() throws Exception {
        try (CapturedLog log = CapturedLog.of(BootstrapServer.class)) {
            CoapClient client = new CoapClient(bootstrap.coapUri().orElseThrow() + "/bs?ep=bs-none");
            try {
                for (int attempt = 0; attempt < 3; attempt++) {
                    CoapResponse response = client.post("", MediaTypeRegistry.UNDEFINED);
                    assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
                    assertThat(response.getResponseText()).isEqualTo("no bootstrap configuration");
                }
            } finally {
                client.shutdown();
            }
            assertThat(log.linesContaining("no bootstrap configuration"))
                    .singleElement()
                    .asString()
                    .isEqualTo("INFO Bootstrap-Request of bs-none: no bootstrap configuration");
        }
    }
}
