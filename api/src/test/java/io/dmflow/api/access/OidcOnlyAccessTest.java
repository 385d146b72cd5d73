package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.testing.InProcessOidcServer;
import io.dmflow.api.testing.LogFlow;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * OIDC replacing the built-in users ({@code dmflow.auth.built-in-users.enabled=false}): a user's password and a
 * dmflow API token are refused, OIDC tokens sign in, and dmflow's own Camunda client and workers keep running.
 */
@QuarkusTest
@TestProfile(OidcOnlyAccessTest.BuiltInUsersOff.class)
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = InProcessOidcServer.class, restrictToAnnotatedClass = true)
class OidcOnlyAccessTest {

    public static class BuiltInUsersOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dmflow.auth.built-in-users.enabled", "false");
        }
    }

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @Inject
    Users users;

    @Inject
    PasswordHashing passwords;

    @Inject
    ApiTokens tokens;

    @Inject
    EngineClient engine;

    private static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    @Test
    void aUsersPasswordAndAnApiTokenAreRefusedWhileOidcTokensSignIn() {
        String name = "stored-" + RUN;
        Instant now = Instant.now();
        users.create(new User(name, passwords.hash(TestAdmin.PASSWORD), Role.ADMIN, now, now, TestAdmin.USER));
        String secret = tokens.issue(name, "script", Role.ADMIN, null).secret();

        given().auth()
                .preemptive()
                .basic(name, TestAdmin.PASSWORD)
                .get("/api/devices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("dmflow.auth.built-in-users.enabled=false"));
        bearer(secret)
                .get("/api/devices")
                .then()
                .statusCode(401)
                .body("detail", containsString("dmflow.auth.built-in-users.enabled=false"));
        // The test admin's Basic sign-in, which every other test uses.
        given().get("/api/devices").then().statusCode(401).body("detail", containsString("turned off"));

        String admin = InProcessOidcServer.mint(issuer, "oidc-admin", "admin", 300, "");
        bearer(admin).get("/api/users").then().statusCode(200);
        bearer(admin)
                .get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo("oidc-admin"))
                .body("role", equalTo("admin"));
    }

    @Test
    void dmflowsOwnCamundaClientAndWorkersKeepRunning() {
        long instance = LogFlow.deployAndStart(engine.client(), "oidc-only-log-" + RUN);
        String admin = InProcessOidcServer.mint(issuer, "oidc-admin", "admin", 300, "");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> bearer(admin)
                        .get("/v2/process-instances/{key}", instance)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("COMPLETED")));
    }
}
