package io.dmflow.lwm2m.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.logging.CapturedLog;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Refused devices are counted by reason and logged once per peer and minute; real server and devices on loopback. */
class SecurityRefusalsTest {

    private static final Duration SEEN = Duration.ofSeconds(15);

    private static byte[] key(String seed) {
        return ("psk-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    private static SimulatedFleet.Builder device(String endpoint, String serverUri) {
        // Retrying every half second: several refusals per device, of which only the first is logged.
        return SimulatedFleet.builder()
                .serverUri(serverUri)
                .endpoint(endpoint)
                .objects()
                .requestTimeout(Duration.ofSeconds(1))
                .registrationRetry(Duration.ofMillis(500));
    }

    @Test
    void wrongKeysUnknownIdentitiesAndPlainCoapForASecuredEndpointAreCountedAndLoggedOncePerPeer() {
        DeviceSecurityStore security = DeviceSecurityStore.inMemory();
        security.put("wrong-key", ClientCredentials.psk("id-wrong-key", key("on record")));
        security.put("no-dtls", ClientCredentials.psk("id-no-dtls", key("no-dtls")));
        try (CapturedLog log = CapturedLog.of(SecurityRefusals.class);
                DeviceManagementServer server = DeviceManagementServer.builder(ServerSettings.loopback())
                        .securityStore(security)
                        .build()) {
            server.start();
            String coaps = server.coapsUri().orElseThrow().toString();
            SecurityRefusals refusals = server.securityRefusals();
            try (SimulatedFleet wrongKey = device("wrong-key", coaps)
                            .credentials(ep -> DeviceCredentials.psk("id-wrong-key", key("not the one on record")))
                            .build();
                    SimulatedFleet unknown = device("unknown", coaps)
                            .credentials(ep -> DeviceCredentials.psk("id-nobody", key("unknown")))
                            .build();
                    SimulatedFleet noDtls = device(
                                    "no-dtls", server.coapUri().orElseThrow().toString())
                            .build()) {
                wrongKey.start();
                unknown.start();
                noDtls.start();

                // A refused handshake stays open on the server until it expires, so each DTLS device is refused once
                // here; the plain CoAP device is refused at every retry, and logged once.
                await().atMost(SEEN)
                        .until(() -> refusals.count(RefusalReason.WRONG_PSK_KEY) >= 1
                                && refusals.count(RefusalReason.UNKNOWN_PSK_IDENTITY) >= 1
                                && refusals.count(RefusalReason.NOT_SECURED) >= 3);
            }
            assertThat(refusals.count(RefusalReason.WRONG_CREDENTIALS)).isZero();
            assertThat(refusals.count(RefusalReason.HANDSHAKE_FAILED)).isZero();
            assertThat(log.linesContaining("id-wrong-key"))
                    .singleElement()
                    .asString()
                    .startsWith("WARN")
                    .contains("wrong PSK key")
                    .contains("127.0.0.1:");
            assertThat(log.linesContaining("id-nobody"))
                    .singleElement()
                    .asString()
                    .contains("unknown PSK identity")
                    .contains("127.0.0.1:");
            assertThat(log.linesContaining("no-dtls"))
                    .singleElement()
                    .asString()
                    .contains("endpoint no-dtls")
                    .contains("plain CoAP for an endpoint with credentials")
                    .contains("127.0.0.1:");
            assertThat(log.lines()).as("no secret in any line").noneMatch(line -> line.contains("psk-"));
        }
    }

    @Test
    void aPeerIsLoggedAgainAfterAMinuteWithHowManyWereLeftOut() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        SecurityRefusals refusals = new SecurityRefusals(clock);
        InetSocketAddress peer = new InetSocketAddress("192.0.2.7", 40000);
        InetSocketAddress samePeerNewPort = new InetSocketAddress("192.0.2.7", 40001);
        InetSocketAddress other = new InetSocketAddress("192.0.2.8", 40000);
        try (CapturedLog log = CapturedLog.of(SecurityRefusals.class)) {
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-1", peer, null);
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-1", peer, null);
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-1", samePeerNewPort, null);
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-2", other, null);
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-3", other, null); // another device, same address
            now.set(now.get().plus(SecurityRefusals.LOG_INTERVAL));
            refusals.refused(RefusalReason.NOT_SECURED, "endpoint dev-1", peer, null);

            assertThat(refusals.count(RefusalReason.NOT_SECURED)).isEqualTo(6);
            assertThat(log.linesContaining("dev-1")).hasSize(2);
            assertThat(log.linesContaining("dev-1").get(1))
                    .contains("192.0.2.7:40000")
                    .contains("2 more refusals");
            assertThat(log.linesContaining("dev-2")).hasSize(1);
            assertThat(log.linesContaining("dev-3")).hasSize(1);
        }
    }
}
