package io.dmflow.api.lwm2m;

import io.dmflow.api.database.DatasourceSelection;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * The management server's DTLS connections kept across a graceful stop: written when dmflow stops, sealed with
 * dmflow's secrets key (they hold session keys), and taken in and deleted at the next start. PSK, RPK and X.509
 * devices then go on with their sessions without a new handshake. After a crash there is nothing to take in: each
 * device's next message starts a new handshake, and its registration (kept in PostgreSQL) is still there.
 */
final class DtlsConnectionFile {

    private static final Logger LOG = Logger.getLogger(DtlsConnectionFile.class);

    /** What the sealed bytes are bound to, so that they open as nothing else. */
    static final String SEALED_AS = "lwm2m.dtls_connections";

    private final Path file;
    private final SecretBox secrets;

    DtlsConnectionFile(Path file, SecretBox secrets) {
        this.file = file;
        this.secrets = secrets;
    }

    /** Beside the embedded database's data folder, as its lock is: {@code ~/.dmflow/postgres.dtls-connections}. */
    static Path besideTheData() {
        Path data = DatasourceSelection.ofThisProcess().embeddedDataDirectory().toAbsolutePath();
        return data.resolveSibling(data.getFileName() + ".dtls-connections");
    }

    Path path() {
        return file;
    }

    /** Before the server starts: hands it the connections the last graceful stop kept, and deletes the file. */
    void loadInto(DeviceManagementServer server) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            byte[] plain = secrets.open(SEALED_AS, Files.readAllBytes(file));
            int loaded = server.loadDtlsConnections(new ByteArrayInputStream(plain));
            LOG.infof("%d DTLS connections kept from before the restart (%s)", loaded, file);
        } catch (IOException | RuntimeException e) {
            // Devices then simply make new handshakes; nothing else depends on the file.
            LOG.warnf(
                    "The DTLS connections in %s could not be taken in (%s); devices will make new handshakes", file, e);
        } finally {
            // Used once: connections of a later crash must not come back from an older stop.
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s: %s", file, e);
            }
        }
    }

    /** Stops the server and keeps its DTLS connections for the next start. */
    void closeAndKeep(DeviceManagementServer server) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int saved;
        try {
            saved = server.closeSavingDtlsConnections(plain);
        } catch (IOException e) {
            LOG.warnf("The DTLS connections could not be written (%s); devices will make new handshakes", e);
            return;
        }
        if (saved == 0) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            createOwnerOnly(partial);
            Files.write(partial, secrets.seal(SEALED_AS, plain.toByteArray()), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("%d DTLS connections kept in %s for the next start", saved, file);
        } catch (IOException e) {
            LOG.warnf("The DTLS connections could not be kept in %s (%s); devices will make new handshakes", file, e);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }
}
