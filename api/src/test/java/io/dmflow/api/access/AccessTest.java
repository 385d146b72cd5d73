package io.dmflow.api.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.camunda.client.CamundaClient;
import io.dmflow.api.engine.BuiltInFlows;
import io.dmflow.api.testing.LogFlow;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Who may call what: users, tokens and roles on representative endpoints of /api and /v2. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class AccessTest {

    private static final String PASSWORD = "correct horse battery";

    /** Names made once per run, so that the tests also pass again on a kept database (DMFLOW_TEST_JDBC_URL). */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Inject
    DataSource dataSource;

    @Inject
    ApplicationCredential application;

    @Inject
    BuiltInFlows builtInFlows;

    @TestHTTPResource("/")
    URL root;

    private static RequestSpecification anonymous() {
        return given().auth().none();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD);
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().none().header("Authorization", "Bearer " + token);
    }

    private static void createUser(String name, String role) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "password", PASSWORD, "role", role))
                .post("/api/users")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("role", equalTo(role))
                .body("createdBy", equalTo(TestAdmin.USER))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    private static String token(RequestSpecification caller, Map<String, Object> request) {
        return caller.contentType(ContentType.JSON)
                .body(request)
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .body("token", startsWith("dmf_"))
                .extract()
                .path("token");
    }

    @Test
    void anonymousCallersAreAskedToAuthenticateWhileHealthStaysOpen() throws InterruptedException {
        for (String path : new String[] {
            "/api/devices", "/api/tasks", "/api/users", "/api/tokens", "/v2/topology", "/api/no-such-thing"
        }) {
            anonymous()
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Basic realm=\"dmflow\""))
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401))
                    .body("title", equalTo("Unauthorized"))
                    .body("instance", equalTo(path))
                    .body("detail", containsString("Authentication required"));
        }
        anonymous()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-instances/search")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        // Ready only once the built-in flows are in the engine, which this test's application deploys beside startup.
        assertThat(builtInFlows.awaitDeployed(Duration.ofSeconds(30))).isTrue();
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentIsOpenAndNamesBothWaysToSignIn() {
        anonymous()
                .accept(ContentType.JSON)
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.basic.scheme", equalTo("basic"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security.flatten()", hasItem(org.hamcrest.Matchers.hasKey("bearer")))
                .body("paths.'/api/users'.post.summary", equalTo("Create a user"));
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() {
        given().auth()
                .preemptive()
                .basic(TestAdmin.USER, "not the password")
                .get("/api/devices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("detail", containsString("the user name or the password is wrong"));
        given().auth()
                .preemptive()
                .basic("nobody-at-all", PASSWORD)
                .get("/api/devices")
                .then()
                .statusCode(401);
        anonymous()
                .header("Authorization", "Basic !!!")
                .get("/api/devices")
                .then()
                .statusCode(401)
                .body("detail", containsString("not base64"));
        bearer("dmf_not-a-token")
                .get("/api/devices")
                .then()
                .statusCode(401)
                .body("detail", containsString("not a dmflow API token"));
        given().get("/api/devices").then().statusCode(200);
    }

    @Test
    void basicAndBearerBothSignIn() {
        String secret = token(given(), Map.of("name", "script"));
        bearer(secret).get("/api/devices").then().statusCode(200);
        bearer(secret).get("/v2/topology").then().statusCode(200);
        String id = bearer(secret)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.name == 'script' }.id");
        bearer(secret)
                .get("/api/tokens/{id}", id)
                .then()
                .statusCode(200)
                .body("token", nullValue())
                .body("prefix", equalTo(secret.substring(0, 12)))
                .body("state", equalTo("active"))
                .body("user", equalTo(TestAdmin.USER))
                .body("role", equalTo("admin"));
    }

    @Test
    void eachRoleReachesWhatItMayAndIsRefusedTheRest() {
        createUser("role-viewer-" + RUN, "viewer");
        createUser("role-operator-" + RUN, "operator");
        TaskApi.saveTemplate("access-template", "<config><log message=\"hello\"/></config>");
        given().put("/api/groups/root.access-" + RUN).then().statusCode(201);
        String task = "{\"template\":\"access-template\",\"target\":{\"group\":\"root.access-" + RUN + "\"}}";
        String credentials =
                "{\"mode\":\"psk\",\"identity\":\"access-psk\"," + "\"key\":\"00112233445566778899aabbccddeeff\"}";
        String template = "<config><log message=\"changed\"/></config>";

        as("role-viewer-" + RUN).get("/api/devices").then().statusCode(200);
        as("role-viewer-" + RUN).get("/api/templates").then().statusCode(200);
        as("role-viewer-" + RUN)
                .contentType(ContentType.JSON)
                .body(task)
                .post("/api/tasks")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("needs the role operator"));
        as("role-viewer-" + RUN)
                .contentType(ContentType.TEXT)
                .body("x")
                .put("/api/devices/access-dev/properties/site")
                .then()
                .statusCode(403);
        as("role-viewer-" + RUN).get("/api/users").then().statusCode(403).body("detail", containsString("admin"));
        as("role-viewer-" + RUN)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-instances/search")
                .then()
                .statusCode(200);
        as("role-viewer-" + RUN)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/incidents/1/resolution")
                .then()
                .statusCode(403);

        as("role-operator-" + RUN)
                .contentType(ContentType.JSON)
                .body(task)
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .body("createdBy", equalTo("role-operator-" + RUN));
        as("role-operator-" + RUN)
                .contentType(ContentType.TEXT)
                .body("eu-west")
                .put("/api/devices/access-dev/properties/site")
                .then()
                .statusCode(200);
        as("role-operator-" + RUN)
                .contentType(ContentType.XML)
                .body(template)
                .put("/api/templates/access-template")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("needs the role admin"));
        as("role-operator-" + RUN)
                .contentType(ContentType.JSON)
                .body(credentials)
                .put("/api/devices/access-dev/credentials/management")
                .then()
                .statusCode(403);
        as("role-operator-" + RUN).get("/api/users").then().statusCode(403);
        as("role-operator-" + RUN).get("/v2/topology").then().statusCode(200);
        as("role-operator-" + RUN)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/incidents/1/resolution")
                .then()
                .statusCode(404);
        as("role-operator-" + RUN)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/jobs/activation")
                .then()
                .statusCode(403);

        given().contentType(ContentType.XML)
                .body(template)
                .put("/api/templates/access-template")
                .then()
                .statusCode(200)
                .body("createdBy", equalTo(TestAdmin.USER))
                .body("updatedBy", equalTo(TestAdmin.USER));
        given().contentType(ContentType.JSON)
                .body(credentials)
                .put("/api/devices/access-dev/credentials/management")
                .then()
                .statusCode(200)
                .body("updatedBy", equalTo(TestAdmin.USER));
        given().get("/api/devices/access-dev/credentials/management")
                .then()
                .statusCode(200)
                .body("updatedBy", equalTo(TestAdmin.USER));
        given().get("/api/users").then().statusCode(200).body("items.name", hasItem("role-operator-" + RUN));
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() {
        String secret = token(given(), Map.of("name", "to-revoke"));
        bearer(secret).get("/api/devices").then().statusCode(200);
        String id = bearer(secret).get("/api/tokens").then().extract().path("items.find { it.name == 'to-revoke' }.id");
        bearer(secret).delete("/api/tokens/{id}", id).then().statusCode(204);
        bearer(secret).get("/api/devices").then().statusCode(401).body("detail", containsString("revoked"));
        given().get("/api/tokens/{id}", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("revoked"))
                .body("revokedAt", not(nullValue()));
    }

    @Test
    void aTokenIsRefusedOnceItExpires() {
        Instant expiry = Instant.now().plusSeconds(2);
        String secret = token(given(), Map.of("name", "short-lived", "expiresAt", expiry.toString()));
        bearer(secret).get("/api/devices").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> bearer(secret).get("/api/devices").statusCode() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        bearer(secret).get("/api/devices").then().body("detail", containsString("expired"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "past", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("expiresAt"));
    }

    @Test
    void aTokenActsWithAtMostItsOwnersRoleAndUsersSeeOnlyTheirOwnTokens() {
        createUser("token-viewer-" + RUN, "viewer");
        as("token-viewer-" + RUN)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "too-high", "role", "operator"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("role"));
        String viewerToken = token(as("token-viewer-" + RUN), Map.of("name", "mine"));
        bearer(viewerToken)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/tasks")
                .then()
                .statusCode(403);
        bearer(viewerToken)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .body("items.user", everyItem(equalTo("token-viewer-" + RUN)));
        String adminToken = token(given(), Map.of("name", "admins-own"));
        String adminTokenId = bearer(adminToken)
                .get("/api/tokens?user=admin")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.name == 'admins-own' }.id");
        as("token-viewer-" + RUN).get("/api/tokens/{id}", adminTokenId).then().statusCode(404);
        as("token-viewer-" + RUN)
                .delete("/api/tokens/{id}", adminTokenId)
                .then()
                .statusCode(404);
        as("token-viewer-" + RUN).get("/api/tokens?user=admin").then().statusCode(403);
        bearer(adminToken).get("/api/devices").then().statusCode(200);

        // An admin's operator token cannot manage users; the owner's demotion lowers what the token may do.
        createUser("token-admin-" + RUN, "admin");
        String operatorToken = token(as("token-admin-" + RUN), Map.of("name", "ops", "role", "operator"));
        bearer(operatorToken).get("/api/users").then().statusCode(403);
        String fullToken = token(as("token-admin-" + RUN), Map.of("name", "full"));
        bearer(fullToken).get("/api/users").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("role", "viewer"))
                .put("/api/users/token-admin-" + RUN)
                .then()
                .statusCode(200)
                .body("role", equalTo("viewer"));
        bearer(fullToken).get("/api/users").then().statusCode(403);
        given().delete("/api/users/token-admin-" + RUN).then().statusCode(204);
        bearer(fullToken).get("/api/devices").then().statusCode(401);
    }

    @Test
    void userRequestsAreCheckedFieldByField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\"password\":\"long enough\",\"admin\":true}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("admin"))
                .body("detail", containsString("unknown field 'admin'"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\"password\":\"short\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("password"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\"password\":\"long enough\",\"role\":\"root\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("role"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\"password\":12345678}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("password"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\n\"password\" \"x\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 2"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", TestAdmin.USER, "password", PASSWORD))
                .post("/api/users")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .body(Map.of("role", "operator"))
                .put("/api/users/" + TestAdmin.USER)
                .then()
                .statusCode(409)
                .body("title", equalTo("Last admin"));
        given().delete("/api/users/" + TestAdmin.USER).then().statusCode(409);
        given().get("/api/users/nobody").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aUserChangesTheirOwnPasswordButNothingElse() {
        String name = "self-service-" + RUN;
        createUser(name, "operator");
        String body = "{\"password\":\"a new long password\",\"currentPassword\":\"" + PASSWORD + "\"}";
        as(name).contentType(ContentType.JSON)
                .body("{\"password\":\"a new long password\"}")
                .put("/api/users/" + name)
                .then()
                .statusCode(400)
                .body("parameter", equalTo("currentPassword"));
        as(name).contentType(ContentType.JSON)
                .body(Map.of("role", "admin", "currentPassword", PASSWORD))
                .put("/api/users/" + name)
                .then()
                .statusCode(403)
                .body("parameter", equalTo("role"));
        as(name).contentType(ContentType.JSON)
                .body(body)
                .put("/api/users/" + TestAdmin.USER)
                .then()
                .statusCode(403);
        as(name).contentType(ContentType.JSON)
                .body(body)
                .put("/api/users/" + name)
                .then()
                .statusCode(200)
                .body("role", equalTo("operator"));
        as(name).get("/api/devices").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic(name, "a new long password")
                .get("/api/devices")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(name, "a new long password")
                .get("/api/users")
                .then()
                .statusCode(403);
    }

    @Test
    void passwordsAreStoredOnlyAsBcryptHashes() throws Exception {
        createUser("hashed-user-" + RUN, "viewer");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT name, password_hash FROM dmflow.app_user WHERE name IN (?, ?)")) {
            query.setString(1, TestAdmin.USER);
            query.setString(2, "hashed-user-" + RUN);
            int rows = 0;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows++;
                    assertThat(row.getString("password_hash"))
                            .startsWith("$2b$10$")
                            .hasSize(60)
                            .doesNotContain(TestAdmin.PASSWORD)
                            .doesNotContain(PASSWORD);
                }
            }
            assertThat(rows).isEqualTo(2);
        }
        String secret = token(given(), Map.of("name", "hash-check"));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT secret_sha256, prefix FROM dmflow.api_token WHERE name = 'hash-check' "
                                + "ORDER BY created_at DESC LIMIT 1");
                ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).hasSize(64).isNotEqualTo(secret).doesNotContain(secret.substring(12));
            assertThat(secret).startsWith(row.getString(2));
        }
    }

    /**
     * A fresh Camunda client is refused without credentials; with the application's own credential it deploys and
     * starts a flow, whose {@code dm.log} job only dmflow's workers take: the instance completing shows they run
     * with access control on.
     */
    @Test
    void theCamundaClientNeedsCredentialsForV2AndTheApplicationsWorkersKeepRunning() throws Exception {
        URI rest = root.toURI();
        try (CamundaClient anonymousClient = CamundaClient.newClientBuilder()
                .restAddress(rest)
                .preferRestOverGrpc(true)
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .build()) {
            assertThatThrownBy(() -> anonymousClient.newTopologyRequest().send().join())
                    .hasMessageContaining("401");
        }
        long instance;
        try (CamundaClient own = CamundaClient.newClientBuilder()
                .restAddress(rest)
                .preferRestOverGrpc(true)
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(application.credentialsProvider())
                .build()) {
            assertThat(own.newTopologyRequest().send().join().getBrokers()).isNotNull();
            instance = LogFlow.deployAndStart(own, "access-log-" + RUN);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/v2/process-instances/{key}", instance)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("COMPLETED")));
    }
}
