package io.dmflow.api.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.api.database.Sql;
import io.dmflow.api.security.ServerKeys;
import io.dmflow.api.startup.CannotStart;
import io.dmflow.api.startup.StartupFailure;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Device secrets at rest: a pg_dump of dmflow's schema holds no PSK or private key in clear, what was stored in
 * clear before is sealed, everything still reads back, and a start with another key is refused.
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

    @Inject
    Sql sql;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

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
                .contains("sealed-2-id-" + RUN)
                .as("a public key, stored in clear, is found as the search looks for secrets")
                .contains(hex(devicePair.getPublic().getEncoded()));
        assertHoldsNoneOf(
                dump,
                psk,
                bootstrapPsk,
                devicePair.getPrivate().getEncoded(),
                serverKeys.keyPair(ServerKeys.MANAGEMENT).getPrivate().getEncoded(),
                serverKeys.keyPair(ServerKeys.BOOTSTRAP).getPrivate().getEncoded());
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
        assertThat(storedPsk("legacy-" + RUN))
                .as("a row as dmflow stored it before secrets were sealed")
                .isEqualTo(legacy);

        assertThat(sealing.sealValuesInClear()).isEqualTo(1);

        assertThat(storedPsk("legacy-" + RUN)).isNotEqualTo(legacy).hasSize(legacy.length + SecretBox.OVERHEAD);
        assertThat(((PskCredentials) management.credentials("legacy-" + RUN).orElseThrow()).key())
                .isEqualTo(legacy);
        assertThat(sealing.sealValuesInClear())
                .as("a sealed value is not sealed twice")
                .isZero();
    }

    private byte[] storedPsk(String endpoint) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT psk_key FROM dmflow.device_credentials WHERE endpoint = ? AND scope = 'management'")) {
            query.setString(1, endpoint);
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    /** {@code pg_dump --schema=dmflow} of the test database, or the test is skipped (see {@link SchemaDump}). */
    private String dump() throws Exception {
        String dump = SchemaDump.of(jdbcUrl, user, password);
        assertThat(dump).contains("COPY dmflow.device_credentials", "COPY dmflow.bootstrap_assignment");
        return dump;
    }

    /** A dump holds a key in clear if it holds its bytes as they are, in hex (bytea's form) or in base64. */
    private static void assertHoldsNoneOf(String dump, byte[]... keys) {
        for (byte[] key : keys) {
            assertThat(SchemaDump.holds(dump, key))
                    .as("the dump holds the key %s in clear", hex(key))
                    .isFalse();
        }
    }

    @Test
    void aStartWithAnotherKeyThanTheDatabasesIsRefusedNamingTheSetting() {
        byte[] otherKey = random(32);
        SecretBox otherBox = new SecretBox();
        otherBox.config = new SecretsConfig() {
            @Override
            public Optional<String> key() {
                return Optional.of(Base64.getEncoder().encodeToString(otherKey));
            }

            @Override
            public Optional<Path> keyFile() {
                return Optional.empty();
            }
        };
        otherBox.loadKey();
        SecretSealing otherStart = new SecretSealing();
        otherStart.box = otherBox;
        otherStart.sql = sql;

        assertThatThrownBy(() -> otherStart.onStart(null))
                .isInstanceOf(CannotStart.class)
                .satisfies(refusal -> assertThat(StartupFailure.describe(refusal))
                        .isEqualTo(
                                "dmflow cannot start: the secrets key (dmflow.secrets.key or dmflow.secrets.key-file)"
                                        + " is not the key this database's device secrets were sealed with"));
        assertThatCode(() -> sealing.checkKey())
                .as("the application's own key still passes")
                .doesNotThrowAnyException();
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
