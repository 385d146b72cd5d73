package io.dmflow.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A throw-away certificate authority (JDK keytool, EC P-256) that issues dmflow's server certificate and one device
 * certificate (CN=x509-api-0), written as PEM files the application is configured with.
 */
public class TestAuthority implements QuarkusTestResourceLifecycleManager {

    public static final String DIRECTORY_PROPERTY = "dmflow.test.x509-dir";
    private static final String PASSWORD = "test-only";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("dmflow-test-x509");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=dmflow-test-ca", "-ext", "bc:c", "-validity", "2", "-keystore", store("ca"));
            X509Certificate authority = (X509Certificate) load("ca").getCertificate("ca");
            issue("server", "dmflow-test-server", authority);
            issue("device", "x509-api-0", authority);
            write("ca.pem", pem("CERTIFICATE", authority.getEncoded()));
            return Map.of("dmflow.lwm2m.x509.certificate-chain", directory.resolve("server-chain.pem").toString(),
                    "dmflow.lwm2m.x509.private-key", directory.resolve("server-key.pem").toString(),
                    "dmflow.lwm2m.x509.trusted-certificates", directory.resolve("ca.pem").toString(),
                    DIRECTORY_PROPERTY, directory.toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not make test certificates", e);
        }
    }

    private void issue(String alias, String commonName, X509Certificate authority) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName, "-validity", "2", "-keystore", store(alias));
        String request = directory.resolve(alias + ".csr").toString();
        String signed = directory.resolve(alias + ".cer").toString();
        keytool("-certreq", "-alias", alias, "-file", request, "-keystore", store(alias));
        keytool("-gencert", "-alias", "ca", "-infile", request, "-outfile", signed, "-validity", "2",
                "-keystore", store("ca"));
        Certificate certificate;
        try (InputStream in = Files.newInputStream(Path.of(signed))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        PrivateKey key = (PrivateKey) load(alias).getKey(alias, PASSWORD.toCharArray());
        write(alias + "-chain.pem", pem("CERTIFICATE", certificate.getEncoded())
                + pem("CERTIFICATE", authority.getEncoded()));
        write(alias + "-key.pem", pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private String store(String alias) {
        return directory.resolve(alias + ".p12").toString();
    }

    private KeyStore load(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
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

    @Override
    public void stop() {
        if (directory != null) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
