package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.InProcessOidcServer;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * OIDC turned on by configuration against an in-process provider: its access tokens sign in with the role their
 * groups claim names, forged or expired ones are refused, and dmflow's own users and tokens keep working.
 */
@QuarkusTest
@TestProfile(OidcAccessTest.OidcOn.class)
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = InProcessOidcServer.class, restrictToAnnotatedClass = true)
class OidcAccessTest {

    /** Its own application start, with the provider's settings. */
    public static class OidcOn implements QuarkusTestProfile {}

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    private String token(String user, String groups, long seconds, String key) {
        return InProcessOidcServer.mint(issuer, user, groups, seconds, key);
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    @Test
    void anOidcTokenSignsInWithTheRoleOfItsGroupsClaim() {
        String operator = token("oidc-operator", "operator", 300, "");
        bearer(operator).get("/api/devices").then().statusCode(200);
        bearer(operator).get("/api/users").then().statusCode(403);
        bearer(operator)
                .get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo("oidc-operator"))
                .body("role", equalTo("operator"));
        bearer(operator)
                .contentType(ContentType.XML)
                .body("<config/>")
                .put("/api/templates/oidc")
                .then()
                .statusCode(403);
        TaskApi.saveTemplate("oidc-template", "<config><log message=\"hello\"/></config>");
        given().put("/api/groups/root.oidc").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        bearer(operator)
                .contentType(ContentType.JSON)
                .body("{\"template\":\"oidc-template\",\"target\":{\"group\":\"root.oidc\"}}")
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .body("createdBy", equalTo("oidc-operator"));

        bearer(token("oidc-admin", "admin,staff", 300, ""))
                .get("/api/users")
                .then()
                .statusCode(200);
        bearer(token("oidc-nobody", "staff", 300, ""))
                .get("/api/devices")
                .then()
                .statusCode(403);
    }

    @Test
    void aForgedOrExpiredOidcTokenIsRefused() {
        bearer(token("oidc-forger", "admin", 300, "other"))
                .get("/api/devices")
                .then()
                .statusCode(401);
        bearer(token("oidc-late", "admin", -60, "")).get("/api/devices").then().statusCode(401);
        bearer("not-a-jwt").get("/api/devices").then().statusCode(401);
        given().auth().none().get("/api/devices").then().statusCode(401);
    }

    @Test
    void dmflowsOwnUsersAndTokensStillSignIn() {
        given().get("/api/devices").then().statusCode(200);
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("name", "beside-oidc"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        bearer(secret).get("/api/users").then().statusCode(200);
        bearer("dmf_unknown").get("/api/devices").then().statusCode(401);
    }
}
