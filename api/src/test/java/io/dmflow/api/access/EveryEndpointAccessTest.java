package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation the OpenAPI document lists, called as anonymous (401), as a viewer and as an operator (403 where
 * {@link AccessRules} asks for more, past access control otherwise), as an admin (past access control everywhere)
 * and with an expired and a revoked API token (401): no endpoint is left open by mistake, and the rule table is
 * what the running application applies.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class EveryEndpointAccessTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");
    private static final String PASSWORD = "every endpoint password";

    /** Users made once per run, so that the test also passes again on a kept database (DMFLOW_TEST_JDBC_URL). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    record Endpoint(String method, String template, String path) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    @Test
    void everyOperationNeedsAuthenticationAndTheRoleItsRuleNames() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints)
                .as("the document lists /api and /v2")
                .anyMatch(e -> e.path().startsWith("/v2/"))
                .anyMatch(e -> e.path().startsWith("/api/users"))
                .anyMatch(e -> e.toString().equals("get /api/whoami"))
                .hasSizeGreaterThan(40);
        for (String role : List.of("viewer", "operator")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "every-" + role + "-" + RUN, "password", PASSWORD, "role", role))
                    .post("/api/users")
                    .then()
                    .statusCode(201);
        }
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int anonymous = call(endpoint, given().auth().none()).statusCode();
            if (anonymous != 401) {
                wrong.add(endpoint + " as anonymous: " + anonymous);
            }
            Role required = AccessRules.required(endpoint.method().toUpperCase(Locale.ROOT), endpoint.path());
            for (Role role : List.of(Role.VIEWER, Role.OPERATOR)) {
                if (!role.includes(required)) {
                    Response refused = call(endpoint, role);
                    if (refused.statusCode() != 403 || !refused.contentType().startsWith("application/problem+json")) {
                        wrong.add(endpoint + " as " + role.id() + ": " + refused.statusCode());
                    }
                } else if (endpoint.method().equals("get")) {
                    // Reads are safe to make with made-up ids: past access control they answer 200, 400 or 404.
                    int status = call(endpoint, role).statusCode();
                    if (status == 401 || status == 403) {
                        wrong.add(endpoint + " as " + role.id() + ": " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The admin's calls are made with made-up ids and no body, so past access control they answer 2xx, 400, 404,
     * 405 or 415; a 401 or 403 would be a rule that refuses the highest role. Collections answer 2xx, so the walk
     * must get through on many operations, not fail in some uniform way.
     */
    @Test
    void anAdminGetsPastAccessControlOnEveryOperation() {
        List<String> wrong = new ArrayList<>();
        int succeeded = 0;
        for (Endpoint endpoint : endpoints()) {
            Response answer = call(endpoint, given());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                wrong.add(endpoint + " as admin: " + answer.statusCode() + " " + answer.asString());
            } else if (answer.statusCode() < 300) {
                succeeded++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(succeeded).as("operations the admin completed").isGreaterThan(15);
    }

    @Test
    void anExpiredOrRevokedTokenIsRefusedOnEveryOperation() {
        String expiring = token(Map.of(
                "name",
                "every-expiring-" + RUN,
                "expiresAt",
                Instant.now().plusSeconds(2).toString()));
        String revoked = token(Map.of("name", "every-revoked-" + RUN));
        bearer(revoked).get("/api/whoami").then().statusCode(200);
        String revokedId = bearer(revoked)
                .get("/api/tokens")
                .then()
                .extract()
                .path("items.find { it.name == 'every-revoked-" + RUN + "' }.id");
        given().delete("/api/tokens/{id}", revokedId).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bearer(expiring).get("/api/whoami").statusCode() == 401);

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> token :
                    Map.of("expired", expiring, "revoked", revoked).entrySet()) {
                Response refused = call(endpoint, bearer(token.getValue()));
                if (refused.statusCode() != 401
                        || !refused.contentType().startsWith("application/problem+json")
                        || !refused.asString().contains(token.getKey())) {
                    wrong.add(endpoint + " with an " + token.getKey() + " token: " + refused.statusCode() + " "
                            + refused.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String token(Map<String, Object> request) {
        return given().contentType(ContentType.JSON)
                .body(request)
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    private static Response call(Endpoint endpoint, Role role) {
        return call(endpoint, given().auth().preemptive().basic("every-" + role.id() + "-" + RUN, PASSWORD));
    }

    private static Response call(Endpoint endpoint, RequestSpecification caller) {
        return caller.request(endpoint.method().toUpperCase(Locale.ROOT), endpoint.path());
    }

    @SuppressWarnings("unchecked")
    private static List<Endpoint> endpoints() {
        Map<String, Map<String, Object>> paths = given().accept(ContentType.JSON)
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        paths.forEach((template, operations) -> {
            if (template.startsWith("/packages/")) {
                return;
            }
            String path = template.replaceAll("\\{[^}]+}", "access-x");
            operations.keySet().stream()
                    .filter(METHODS::contains)
                    .forEach(method -> endpoints.add(new Endpoint(method, template, path)));
        });
        // Not in the document, but protected like the API: the metrics a Prometheus scraper reads with a token.
        endpoints.add(new Endpoint("get", "/q/metrics", "/q/metrics"));
        return endpoints;
    }
}
