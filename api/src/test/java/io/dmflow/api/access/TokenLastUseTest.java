package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An API token shows when it was last used, and keeping that costs no write per request: within a minute of the
 * stored use, requests leave the token's row untouched.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TokenLastUseTest {

    @Inject
    DataSource dataSource;

    @Test
    void aTokenShowsItsLastUseWrittenAtMostOnceAMinute() throws SQLException {
        JsonPath made = given().contentType(ContentType.JSON)
                .body("{\"name\": \"last-use-" + System.nanoTime() + "\"}")
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = made.getString("id");
        String secret = made.getString("token");
        given().get("/api/tokens/" + id).then().statusCode(200).body("lastUsedAt", nullValue());

        // Microseconds are what PostgreSQL keeps.
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        signedIn(secret);
        Instant after = Instant.now();
        Instant firstUse = lastUse(id);
        assertThat(firstUse).isBetween(before, after);
        given().get("/api/tokens")
                .then()
                .statusCode(200)
                .body("items.findAll { it.id == '" + id + "' }.lastUsedAt", hasItem(firstUse.toString()));

        // Within the minute: the row keeps its version, so nothing was written.
        long version = rowVersion(id);
        for (int i = 0; i < 5; i++) {
            signedIn(secret);
        }
        assertThat(rowVersion(id)).isEqualTo(version);
        assertThat(lastUse(id)).isEqualTo(firstUse);

        // As if the minute had passed: the next use is written.
        execute("UPDATE dmflow.api_token SET last_used_at = last_used_at - interval '61 seconds' WHERE id = '" + id
                + "'");
        Instant beforeLater = Instant.now().truncatedTo(ChronoUnit.MICROS);
        signedIn(secret);
        assertThat(lastUse(id)).isBetween(beforeLater, Instant.now());
    }

    private static void signedIn(String secret) {
        given().auth()
                .none()
                .header("Authorization", "Bearer " + secret)
                .get("/api/devices")
                .then()
                .statusCode(200);
    }

    private static Instant lastUse(String id) {
        String text = given().get("/api/tokens/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("lastUsedAt");
        return text == null ? null : Instant.parse(text);
    }

    /** PostgreSQL's xmin: the transaction that wrote the row's current version, new with every update. */
    private long rowVersion(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT xmin::text::bigint FROM dmflow.api_token WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
