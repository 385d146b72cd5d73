package io.dmflow.lwm2m.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority made with the JDK's keytool (no extra libraries): EC P-256 keys, certificates
 * valid for two days.
 */
final class TestCertificates {

    record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    private static final String PASSWORD = "test-only";

    private final Path directory;
    private final X509Certificate authority;

    private TestCertificates(Path directory) throws Exception {
        this.directory = directory;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=dmflow-test-ca", "-ext", "bc:c", "-validity", "2", "-keystore", store("ca"));
        this.authority = entry("ca").certificate();
    }

    static TestCertificates authority() throws Exception {
        return new TestCertificates(Files.createTempDirectory("dmflow-test-ca"));
    }

    X509Certificate authorityCertificate() {
        return authority;
    }

    /** A key pair and a certificate for {@code commonName} signed by this authority. */
    Issued issue(String alias, String commonName) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName, "-validity", "2", "-keystore", store(alias));
        String request = directory.resolve(alias + ".csr").toString();
        String signed = directory.resolve(alias + ".cer").toString();
        keytool("-certreq", "-alias", alias, "-file", request, "-keystore", store(alias));
        keytool("-gencert", "-alias", "ca", "-infile", request, "-outfile", signed, "-validity", "2",
                "-ext", "san=ip:127.0.0.1", "-keystore", store("ca"));
        try (InputStream in = Files.newInputStream(Path.of(signed))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            return new Issued(certificate, entry(alias).privateKey());
        }
    }

    /** A certificate nobody vouches for. */
    Issued selfSigned(String alias, String commonName) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName, "-validity", "2", "-keystore", store(alias));
        return entry(alias);
    }

    private String store(String alias) {
        return directory.resolve(alias + ".p12").toString();
    }

    private Issued entry(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return new Issued((X509Certificate) store.getCertificate(alias),
                (PrivateKey) store.getKey(alias, PASSWORD.toCharArray()));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
