package io.dmflow.api.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** dmflow configured with an X.509 server identity (PEM files) admits a device with a certificate for its endpoint. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(value = TestAuthority.class, restrictToAnnotatedClass = true)
class X509DeviceApiTest {

    @Inject
    DeviceManagementServer server;

    @Test
    void aDeviceWithACertificateForItsEndpointRegistersOnceItIsDeclaredX509() {
        // Read here, not injected: only this class's application has the property.
        Path certificates = ConfigProvider.getConfig().getValue(TestAuthority.DIRECTORY_PROPERTY, Path.class);
        var deviceCertificate = PemFiles.certificates(certificates.resolve("device-chain.pem"))[0];
        var deviceKey = PemFiles.privateKey(certificates.resolve("device-key.pem"));
        var serverCertificate = PemFiles.certificates(certificates.resolve("server-chain.pem"))[0];

        given().contentType("application/json")
                .body(Map.of("mode", "x509"))
                .put("/api/devices/x509-api-0/credentials/management")
                .then()
                .statusCode(200)
                .body("mode", equalTo("x509"));
        try (SimulatedFleet device = SimulatedFleet.builder()
                .serverUri(server.coapsUri().orElseThrow())
                .endpoint("x509-api-0")
                .objects()
                .requestTimeout(Duration.ofSeconds(2))
                .credentials(ep -> DeviceCredentials.x509(deviceCertificate, deviceKey, serverCertificate))
                .build()) {
            assertThat(device.start().device().awaitRegistered(Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(server.serverPublicKey()).contains(serverCertificate.getPublicKey());
        }
    }
}
