package io.dmflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away certificate authority for tests, made with the JDK's keytool (the JDK has no public API to sign a
 * certificate, and this keeps tests free of extra libraries): EC P-256 keys, certificates valid for two days, files in
 * a temporary folder that {@link #delete()} removes.
 */
public final class TestCertificateAuthority {

    /** A key pair with its certificate, and the chain up to the authority (empty for a self-signed one). */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

        /** An in-memory PKCS#12 store holding the key under {@code alias}, e.g. for an SSLContext. */
        public KeyStore keyStore(String alias, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, password);
                List<Certificate> path = new ArrayList<>();
                path.add(certificate);
                path.addAll(chain);
                store.setKeyEntry(alias, privateKey, password, path.toArray(Certificate[]::new));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("could not make a key store for " + alias, e);
            }
        }
    }

    private static final String PASSWORD = "test-only";

    private final Path directory;
    private final X509Certificate certificate;

    private TestCertificateAuthority(Path directory) {
        this.directory = directory;
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=dmflow-test-ca",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                store("ca"));
        this.certificate = entry("ca").certificate();
    }

    /** A new authority in a new temporary folder. */
    public static TestCertificateAuthority create() {
        try {
            return new TestCertificateAuthority(Files.createTempDirectory("dmflow-test-ca"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authority's own certificate, the one to trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The folder the authority keeps its files in; a test may write PEM files there too. */
    public Path directory() {
        return directory;
    }

    /** A key pair and a certificate for {@code commonName}, valid for 127.0.0.1, signed by this authority. */
    public Issued issue(String alias, String commonName) {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + commonName,
                "-validity",
                "2",
                "-keystore",
                store(alias));
        String request = directory.resolve(alias + ".csr").toString();
        String signed = directory.resolve(alias + ".cer").toString();
        keytool("-certreq", "-alias", alias, "-file", request, "-keystore", store(alias));
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-infile",
                request,
                "-outfile",
                signed,
                "-validity",
                "2",
                "-ext",
                "san=ip:127.0.0.1",
                "-keystore",
                store("ca"));
        try (InputStream in = Files.newInputStream(Path.of(signed))) {
            X509Certificate issued =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new Issued(issued, entry(alias).privateKey(), List.of(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read the certificate issued to " + commonName, e);
        }
    }

    /** A certificate for {@code commonName} (valid for 127.0.0.1) that nobody vouches for. */
    public Issued selfSigned(String alias, String commonName) {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + commonName,
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store(alias));
        return entry(alias);
    }

    /** The PEM text of DER bytes: {@code type} is e.g. {@code CERTIFICATE} or {@code PRIVATE KEY}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Removes the authority's folder and everything in it. */
    public void delete() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String store(String alias) {
        return directory.resolve(alias + ".p12").toString();
    }

    private Issued entry(String alias) {
        try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return new Issued(
                    (X509Certificate) store.getCertificate(alias),
                    (PrivateKey) store.getKey(alias, PASSWORD.toCharArray()),
                    List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read the key of " + alias, e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}
