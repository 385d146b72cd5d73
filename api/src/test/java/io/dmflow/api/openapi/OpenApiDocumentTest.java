package io.dmflow.api.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.problem.Problem;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at /q/openapi describes every operation with the callers it accepts, the problems it can
 * answer and at least one example; Swagger UI is served, and what it sends after "Authorize" with a token works.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyOperationHasSecurityProblemsAndAnExample() throws Exception {
        String text = given().auth()
                .none()
                .accept(ContentType.JSON)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // Kept for a reader of a failed run.
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("openapi.json"), text);
        JsonNode document = new ObjectMapper().readTree(text);
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        JsonNode documentSecurity = document.path("security");

        List<String> unsecured = new ArrayList<>();
        List<String> withoutProblem = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> each = path.getValue().fields(); each.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = each.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                JsonNode security = operation.has("security") ? operation.get("security") : documentSecurity;
                boolean packageDownload = path.getKey().startsWith("/packages/");
                if (packageDownload ? security.size() != 0 : !names(security, "basic", "bearer")) {
                    unsecured.add(name);
                }
                if (!hasProblem4xx(operation.path("responses"))) {
                    withoutProblem.add(name);
                }
                if (!operation.toString().contains("\"example")) {
                    withoutExample.add(name);
                }
            }
        }
        assertThat(operations).as("operations in the document").isGreaterThan(50);
        assertThat(unsecured)
                .as("operations without basic and bearer (package downloads: without any)")
                .isEmpty();
        assertThat(withoutProblem)
                .as("operations without a 4xx problem+json answer")
                .isEmpty();
        assertThat(withoutExample).as("operations without an example").isEmpty();
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
        // The bodies the endpoints read as text have their own examples.
        assertThat(document.at("/paths/~1api~1tasks/post/requestBody/content/application~1json/example/type")
                        .asText())
                .isEqualTo("Lwm2mFirmwareUpdateTask");
        assertThat(document.at("/paths/~1api~1templates~1{name}/put/requestBody/content/application~1xml/example")
                        .asText())
                .startsWith("<config>");
        // A 403 names the role the operation needs.
        assertThat(document.at("/paths/~1api~1users/post/responses/403/content/application~1problem+json/example"
                                + "/detail")
                        .asText())
                .contains("admin");
    }

    @Test
    void swaggerUiIsServedAndATokenItSendsIsAccepted() {
        given().auth().none().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
        given().auth()
                .none()
                .get("/q/swagger-ui/index.html")
                .then()
                .statusCode(200)
                .body(containsString("/q/openapi"))
                .body(containsString("persistAuthorization"));
        String token = given().contentType(ContentType.JSON)
                .body("{\"name\": \"swagger-ui\", \"role\": \"viewer\"}")
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("token");
        // What Swagger UI sends after "Authorize" with the bearer scheme: the token in the Authorization header.
        given().auth()
                .none()
                .header("Authorization", "Bearer " + token)
                .accept(ContentType.JSON)
                .get("/api/devices")
                .then()
                .statusCode(200);
        given().auth()
                .none()
                .accept(ContentType.JSON)
                .get("/api/devices")
                .then()
                .statusCode(401);
    }

    /** Whether the requirements list each of the schemes, as alternatives. */
    private static boolean names(JsonNode requirements, String... schemes) {
        for (String scheme : schemes) {
            boolean found = false;
            for (JsonNode requirement : requirements) {
                found |= requirement.has(scheme);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasProblem4xx(JsonNode responses) {
        for (Iterator<Map.Entry<String, JsonNode>> each = responses.fields(); each.hasNext(); ) {
            Map.Entry<String, JsonNode> response = each.next();
            if (response.getKey().startsWith("4")
                    && response.getValue().path("content").has(Problem.MEDIA_TYPE)) {
                return true;
            }
        }
        return false;
    }
}
