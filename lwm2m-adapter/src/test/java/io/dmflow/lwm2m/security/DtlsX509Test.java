package io.dmflow.lwm2m.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.dmflow.testing.TestCertificateAuthority;
import io.dmflow.testing.TestCertificateAuthority.Issued;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** X.509: a device whose certificate a trusted authority signed for its endpoint gets in; nobody else does. */
class DtlsX509Test {

    @Test
    void aCertificateSignedForTheEndpointGetsInAndAnotherEndpointsOrAnUnsignedOneDoesNot() throws Exception {
        TestCertificateAuthority authority = TestCertificateAuthority.create();
        CompletableFuture<Issued> server = issue(authority, "server", "dmflow-test-server");
        CompletableFuture<Issued> own = issue(authority, "x509-0", "x509-0");
        CompletableFuture<Issued> others = issue(authority, "x509-1", "x509-1");
        Issued unsigned = authority.selfSigned("x509-3", "x509-3");

        DeviceSecurityStore security = DeviceSecurityStore.inMemory();
        for (String endpoint : List.of("x509-0", "x509-2", "x509-3")) {
            security.put(endpoint, ClientCredentials.x509());
        }
        Issued serverIdentity = server.get(60, TimeUnit.SECONDS);
        try (DeviceManagementServer dm = DeviceManagementServer.builder(ServerSettings.loopback())
                .securityStore(security)
                .serverCertificate(
                        serverIdentity.privateKey(),
                        new java.security.cert.X509Certificate[] {serverIdentity.certificate(), authority.certificate()
                        },
                        authority.certificate())
                .build()) {
            dm.start();
            Issued ownCertificate = own.get(60, TimeUnit.SECONDS);
            Issued othersCertificate = others.get(60, TimeUnit.SECONDS);
            try (SimulatedFleet fleet = SimulatedFleet.builder()
                    .serverUri(dm.coapsUri().orElseThrow())
                    .endpointPrefix("x509-")
                    .count(4)
                    .objects()
                    .requestTimeout(Duration.ofSeconds(2))
                    .registrationRetry(Duration.ofMillis(500))
                    .credentials(endpoint -> {
                        Issued presented = switch (endpoint) {
                            case "x509-0" -> ownCertificate;
                            case "x509-2" -> othersCertificate; // signed, but for x509-1
                            case "x509-3" -> unsigned;
                            default -> ownCertificate; // x509-1 has no credentials on record
                        };
                        return DeviceCredentials.x509(
                                presented.certificate(), presented.privateKey(), serverIdentity.certificate());
                    })
                    .build()) {
                fleet.start();

                assertThat(fleet.device("x509-0").awaitRegistered(Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(dm.operations()
                                .read("x509-0", "/3/0/0")
                                .get(5, TimeUnit.SECONDS)
                                .value())
                        .isEqualTo("dmflow");
                for (String refused : List.of("x509-1", "x509-2", "x509-3")) {
                    SimulatedDevice device = fleet.device(refused);
                    // turned away twice: its retry is refused as well
                    await().atMost(Duration.ofSeconds(20)).until(() -> device.failedRegistrationCount() >= 2);
                    assertThat(device.isRegistered()).as(refused).isFalse();
                    assertThat(dm.registration(refused)).as(refused).isEmpty();
                }
            }
        }
    }

    private static CompletableFuture<Issued> issue(
            TestCertificateAuthority authority, String alias, String commonName) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return authority.issue(alias, commonName);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
