package io.dmflow.api.security;

import io.dmflow.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Map;

/**
 * A throw-away certificate authority that issues dmflow's server certificate and one device certificate
 * (CN=x509-api-0), written as PEM files the application is configured with.
 */
public class TestAuthority implements QuarkusTestResourceLifecycleManager {

    public static final String DIRECTORY_PROPERTY = "dmflow.test.x509-dir";

    private TestCertificateAuthority authority;

    @Override
    public Map<String, String> start() {
        authority = TestCertificateAuthority.create();
        Path directory = authority.directory();
        try {
            write("server", authority.issue("server", "dmflow-test-server"));
            write("device", authority.issue("device", "x509-api-0"));
            Files.writeString(
                    directory.resolve("ca.pem"),
                    TestCertificateAuthority.pem(
                            "CERTIFICATE", authority.certificate().getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("could not write the test certificates", e);
        }
        return Map.of(
                "dmflow.lwm2m.x509.certificate-chain",
                directory.resolve("server-chain.pem").toString(),
                "dmflow.lwm2m.x509.private-key",
                directory.resolve("server-key.pem").toString(),
                "dmflow.lwm2m.x509.trusted-certificates",
                directory.resolve("ca.pem").toString(),
                DIRECTORY_PROPERTY,
                directory.toString());
    }

    private void write(String alias, TestCertificateAuthority.Issued issued)
            throws IOException, CertificateEncodingException {
        Path directory = authority.directory();
        Files.writeString(
                directory.resolve(alias + "-chain.pem"),
                TestCertificateAuthority.pem("CERTIFICATE", issued.certificate().getEncoded())
                        + TestCertificateAuthority.pem(
                                "CERTIFICATE", authority.certificate().getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(
                directory.resolve(alias + "-key.pem"),
                TestCertificateAuthority.pem("PRIVATE KEY", issued.privateKey().getEncoded()),
                StandardCharsets.US_ASCII);
    }

    @Override
    public void stop() {
        if (authority != null) {
            authority.delete();
        }
    }
}
