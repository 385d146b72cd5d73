package io.dmflow.api.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.security.ServerKeys;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Device secrets at rest: what a dump of dmflow's schema shows holds no PSK or private key in clear, what was
 * stored in clear before is sealed, and everything still reads back.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SecretsAtRestTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Names made once per run, so that the tests also pass again on a kept database (DMFLOW_TEST_JDBC_URL). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Inject
    DataSource dataSource;

    @Inject
    SecretSealing sealing;

    @Inject
    DeviceSecurityStore management;

    @Inject
    ServerKeys serverKeys;

    @Test
    void aDumpOfTheSchemaHoldsNoDeviceKeyInClear() throws Exception {
        byte[] psk = random(16);
        byte[] bootstrapPsk = random(16);
        KeyPair devicePair = TestKeys.ecP256();
        given().contentType(ContentType.JSON)
                .body(Map.of("mode", "psk", "identity", "sealed-1-id-" + RUN, "key", hex(psk)))
                .put("/api/devices/sealed-1-" + RUN + "/credentials/management")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "uri",
                        "coaps://127.0.0.1:15684",
                        "shortServerId",
                        7,
                        "securityMode",
                        "psk",
                        "provisionCredentials",
                        false))
                .put("/api/servers/sealed-psk")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "uri",
                        "coaps://127.0.0.1:15685",
                        "shortServerId",
                        8,
                        "securityMode",
                        "rpk",
                        "provisionCredentials",
                        false))
                .put("/api/servers/sealed-rpk")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "servers",
                        List.of(
                                Map.of(
                                        "server",
                                        "sealed-psk",
                                        "credentials",
                                        Map.of(
                                                "mode",
                                                "psk",
                                                "identity",
                                                "sealed-2-id-" + RUN,
                                                "key",
                                                hex(bootstrapPsk))),
                                Map.of(
                                        "server",
                                        "sealed-rpk",
                                        "credentials",
                                        Map.of(
                                                "mode",
                                                "rpk",
                                                "publicKey",
                                                Base64.getEncoder()
                                                        .encodeToString(devicePair
                                                                .getPublic()
                                                                .getEncoded()),
                                                "privateKey",
                                                Base64.getEncoder()
                                                        .encodeToString(devicePair
                                                                .getPrivate()
                                                                .getEncoded()))))))
                .put("/api/devices/sealed-2/bootstrap")
                .then()
                .statusCode(200);

        String dump = dump();
        assertThat(dump)
                .as("the dump holds the rows written")
                .contains("sealed-1-id-" + RUN)
                .contains("sealed-2-id-" + RUN);
        assertThat(dump)
                .doesNotContain(hex(psk))
                .doesNotContain(hex(bootstrapPsk))
                .doesNotContain(hex(devicePair.getPrivate().getEncoded()))
                .doesNotContain(hex(
                        serverKeys.keyPair(ServerKeys.MANAGEMENT).getPrivate().getEncoded()))
                .doesNotContain(hex(
                        serverKeys.keyPair(ServerKeys.BOOTSTRAP).getPrivate().getEncoded()));
        assertThat(((PskCredentials) management.credentials("sealed-1-" + RUN).orElseThrow()).key())
                .as("the PSK reads back as it was given")
                .isEqualTo(psk);
        given().get("/api/devices/sealed-2/bootstrap").then().statusCode(200);
    }

    @Test
    void secretsStoredInClearBeforeAreSealedAndStillRead() throws Exception {
        byte[] legacy = random(16);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO dmflow.device_credentials "
                        + "(endpoint, scope, mode, psk_identity, psk_key) VALUES (?, 'management', 'psk', ?, ?)")) {
            insert.setString(1, "legacy-" + RUN);
            insert.setString(2, "legacy-id-" + RUN);
            insert.setBytes(3, legacy);
            insert.executeUpdate();
        }
        assertThat(dump())
                .as("a row as dmflow stored it before secrets were sealed")
                .contains(hex(legacy));

        assertThat(sealing.sealValuesInClear()).isEqualTo(1);

        assertThat(dump()).doesNotContain(hex(legacy));
        assertThat(((PskCredentials) management.credentials("legacy-" + RUN).orElseThrow()).key())
                .isEqualTo(legacy);
        assertThat(sealing.sealValuesInClear())
                .as("a sealed value is not sealed twice")
                .isZero();
    }

    /** Every row of every table in the schema dmflow, as text, as a data dump would show it (bytea as hex). */
    private String dump() throws Exception {
        List<String> tables = new ArrayList<>();
        StringBuilder dump = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM "
                            + "information_schema.tables WHERE table_schema = 'dmflow' AND table_type = 'BASE TABLE'");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement query =
                                connection.prepareStatement("SELECT t::text FROM dmflow.\"" + table + "\" t");
                        ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        dump.append(table).append(' ').append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(tables).contains("device_credentials", "bootstrap_assignment", "server_key");
        return dump.toString();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
