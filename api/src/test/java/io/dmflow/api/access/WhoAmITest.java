package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/whoami answers each caller's own name and role, however they signed in, and nobody else's. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class WhoAmITest {

    private static final String PASSWORD = "who am i password";

    /** Users made once per run, so that the test also passes again on a kept database (DMFLOW_TEST_JDBC_URL). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Test
    void eachRoleLearnsItsOwnNameAndRole() {
        for (String role : new String[] {"viewer", "operator"}) {
            String name = "whoami-" + role + "-" + RUN;
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", name, "password", PASSWORD, "role", role))
                    .post("/api/users")
                    .then()
                    .statusCode(201);
            given().auth()
                    .preemptive()
                    .basic(name, PASSWORD)
                    .get("/api/whoami")
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("name", equalTo(name))
                    .body("role", equalTo(role))
                    .body("via", equalTo("password"))
                    .body("$", not(hasKey("tokenId")));
        }
        given().get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo(TestAdmin.USER))
                .body("role", equalTo("admin"));
    }

    @Test
    void aTokenAnswersWithItsOwnRoleNotItsOwnersAndNamesItself() {
        String name = "whoami-token-owner-" + RUN;
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "password", PASSWORD, "role", "operator"))
                .post("/api/users")
                .then()
                .statusCode(201);
        var issued = given().auth()
                .preemptive()
                .basic(name, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "read-only script", "role", "viewer"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        given().auth()
                .none()
                .header("Authorization", "Bearer " + issued.getString("token"))
                .get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("role", equalTo("viewer"))
                .body("via", equalTo("token"))
                .body("tokenId", equalTo(issued.getString("id")));
    }

    @Test
    void anAnonymousCallerIsAskedToSignIn() {
        given().auth()
                .none()
                .get("/api/whoami")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/whoami"));
        given().auth()
                .preemptive()
                .basic(TestAdmin.USER, "not the password")
                .get("/api/whoami")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
