package io.dmflow.api.secret;

import io.dmflow.api.database.Sql;
import io.dmflow.api.startup.CannotStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The columns that hold device secrets, and the start-up step that guards them: before the LwM2M and bootstrap
 * servers read any secret, it checks that the key is the database's, then seals every value still in clear (rows
 * stored before secrets were sealed). A value counts as sealed when it opens with the key; a value in clear does
 * not pass the GCM tag check.
 */
@ApplicationScoped
public class SecretSealing {

    public static final String DEVICE_PSK = "device_credentials.psk_key";
    public static final String BOOTSTRAP_PSK = "bootstrap_assignment.psk_key";
    public static final String BOOTSTRAP_PRIVATE_KEY = "bootstrap_assignment.private_key";
    public static final String SERVER_PRIVATE_KEY = "server_key.private_key";

    static final List<String> COLUMNS = List.of(DEVICE_PSK, BOOTSTRAP_PSK, BOOTSTRAP_PRIVATE_KEY, SERVER_PRIVATE_KEY);

    private static final String KEY_CHECK = "secret_key_check.sealed";
    private static final byte[] KEY_CHECK_VALUE = "dmflow secrets key check".getBytes(StandardCharsets.US_ASCII);

    private static final Logger LOG = Logger.getLogger(SecretSealing.class);

    @Inject
    SecretBox box;

    @Inject
    Sql sql;

    /** Before the LwM2M server (priority 100) and the bootstrap server (110) start. */
    void onStart(@Observes @Priority(10) StartupEvent start) {
        checkKey();
        int sealed = sealValuesInClear();
        if (sealed > 0) {
            LOG.infof("Sealed %d device secret(s) that were stored in clear", sealed);
        }
    }

    void checkKey() {
        byte[] stored;
        try {
            stored = sql.connection(connection -> {
                Sql.update(
                        connection,
                        "INSERT INTO dmflow.secret_key_check (id, sealed) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                        box.seal(KEY_CHECK, KEY_CHECK_VALUE));
                return Sql.first(
                                connection,
                                "SELECT sealed FROM dmflow.secret_key_check WHERE id = 1",
                                row -> row.getBytes(1))
                        .orElseThrow();
            });
        } catch (Sql.Failure e) {
            throw CannotStart.because("dmflow could not check its secrets key against the database", e);
        }
        if (box.tryOpen(KEY_CHECK, stored).isEmpty()) {
            throw new CannotStart("the secrets key (dmflow.secrets.key or dmflow.secrets.key-file) is not "
                    + "the key this database's device secrets were sealed with");
        }
    }

    /** Seals, in one transaction, every secret not yet sealed; answers how many there were. */
    public int sealValuesInClear() {
        try {
            return sql.transaction(connection -> {
                int sealed = 0;
                for (String column : COLUMNS) {
                    sealed += sealColumn(connection, column);
                }
                return sealed;
            });
        } catch (Sql.Failure e) {
            throw CannotStart.because("dmflow could not seal the device secrets stored in clear", e);
        }
    }

    private int sealColumn(Connection connection, String qualified) throws SQLException {
        String table = qualified.substring(0, qualified.indexOf('.'));
        String column = qualified.substring(qualified.indexOf('.') + 1);
        record Row(String ctid, byte[] value) {}
        List<Row> inClear = new ArrayList<>();
        for (Row row : Sql.list(
                connection,
                "SELECT ctid::text, " + column + " FROM dmflow." + table + " WHERE " + column
                        + " IS NOT NULL FOR UPDATE",
                rows -> new Row(rows.getString(1), rows.getBytes(2)))) {
            if (box.tryOpen(qualified, row.value()).isEmpty()) {
                inClear.add(row);
            }
        }
        Sql.batch(
                connection,
                "UPDATE dmflow." + table + " SET " + column + " = ? WHERE ctid = ?::tid",
                inClear.stream()
                        .map(row -> new Object[] {box.seal(qualified, row.value()), row.ctid()})
                        .toList());
        return inClear.size();
    }
}
