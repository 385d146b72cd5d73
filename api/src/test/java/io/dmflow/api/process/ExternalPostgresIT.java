package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.awaitReady;
import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.body;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.secret.SchemaDump;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.restassured.http.ContentType;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The production configuration: dmflow given the JDBC URL of an existing PostgreSQL server starts no
 * database of its own and keeps its devices there. Runs where {@code DMFLOW_EXTERNAL_JDBC_URL} names a
 * server (CI sets it to the machine's PostgreSQL). There a {@code pg_dump} of the dmflow schema, an operator's backup,
 * is searched for a device key: it must not hold one in clear.
 */
@EnabledIfEnvironmentVariable(named = "DMFLOW_EXTERNAL_JDBC_URL", matches = "jdbc:postgresql:.+")
class ExternalPostgresIT {

    @Test
    void runsOnTheConfiguredServer() throws Exception {
        String url = System.getenv("DMFLOW_EXTERNAL_JDBC_URL");
        String user = System.getenv().getOrDefault("DMFLOW_EXTERNAL_JDBC_USER", "postgres");
        String password = System.getenv().getOrDefault("DMFLOW_EXTERNAL_JDBC_PASSWORD", "");
        String endpoint = "external-" + UUID.randomUUID();

        try (DmflowProcess dmflow = DmflowProcess.start(
                Map.of(),
                Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        url,
                        "QUARKUS_DATASOURCE_USERNAME",
                        user,
                        "QUARKUS_DATASOURCE_PASSWORD",
                        password))) {
            URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            assertThat(dmflow.output()).noneMatch(line -> line.contains("Embedded PostgreSQL"));

            try (SimulatedFleet device = SimulatedFleet.builder()
                    .serverUri(dmflow.awaitCoap(Duration.ofSeconds(5)))
                    .endpoint(endpoint)
                    .build()
                    .start()
                    .awaitRegistered(Duration.ofSeconds(10))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> body(http, "/api/devices/" + endpoint).contains("\"state\":\"online\""));
                assertThat(stateInServer(url, user, password, endpoint)).isEqualTo("ONLINE");
            }
            // Closing the device deregistered it; the server's row follows.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "OFFLINE".equals(stateInServer(url, user, password, endpoint)));

            // An operator's backup of the schema gives no device key away.
            byte[] psk = new byte[16];
            new SecureRandom().nextBytes(psk);
            given().baseUri(http.toString())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "mode",
                            "psk",
                            "identity",
                            "id-" + endpoint,
                            "key",
                            HexFormat.of().formatHex(psk)))
                    .put("/api/devices/{endpoint}/credentials/management", endpoint)
                    .then()
                    .statusCode(200);
            String dump = SchemaDump.of(url, user, Optional.of(password));
            assertThat(dump).as("the dump holds the credentials' row").contains("id-" + endpoint);
            assertThat(SchemaDump.holds(dump, psk))
                    .as("the dump holds the PSK in clear")
                    .isFalse();
            dmflow.terminate(Duration.ofSeconds(30));
        }
    }

    private static String stateInServer(String url, String user, String password, String endpoint) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement query =
                        connection.prepareStatement("SELECT state FROM dmflow.device WHERE endpoint = ?")) {
            query.setString(1, endpoint);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("device row in the configured server").isTrue();
                return row.getString(1);
            }
        }
    }
}
