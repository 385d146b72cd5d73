package io.dmflow.api.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.dmflow.api.testing.LogFlow;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad request for each validation rule the other tests leave out: each is a 400 problem+json with its type,
 * title, status, a detail that says what was wrong, and the field or parameter it names.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ValidationRulesTest {

    /**
     * A device that has registered once, so that its value history is reached past the device check, and a group,
     * so that adding a member is reached past the group check.
     */
    private static final String DEVICE = "validation-device";

    private static final String LONG = "x".repeat(256);

    @Inject
    DeviceManagementServer server;

    private static boolean prepared;

    /**
     * A request that breaks one rule, and what the problem must say.
     *
     * @param body sent with {@code contentType}; null sends no body
     */
    record Rule(
            String rule,
            String method,
            String path,
            String contentType,
            String body,
            String title,
            String parameter,
            String detail) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Rule> rules() {
        String xml = "application/xml";
        String json = "application/json";
        return Stream.of(
                new Rule(
                        "a process id that is not an XML name",
                        "PUT",
                        "/api/processes/1-process",
                        xml,
                        LogFlow.bpmn("p"),
                        "Invalid process id",
                        "id",
                        "a process id is an XML name"),
                new Rule(
                        "a process without BPMN",
                        "PUT",
                        "/api/processes/empty-process",
                        xml,
                        " ",
                        "Empty process",
                        "body",
                        "the body must hold the BPMN XML"),
                new Rule(
                        "a process that is not BPMN",
                        "PUT",
                        "/api/processes/broken-process",
                        xml,
                        "<definitions><unclosed></definitions>",
                        "Invalid BPMN",
                        "body",
                        "The BPMN is not valid"),
                new Rule(
                        "a process whose id is not the path's",
                        "PUT",
                        "/api/processes/the-path-id",
                        xml,
                        LogFlow.bpmn("the-bpmn-id"),
                        "Process id mismatch",
                        "id",
                        "it holds [the-bpmn-id]"),
                new Rule(
                        "a resource id over 255 characters",
                        "PUT",
                        "/api/resources/" + LONG + "/data",
                        "application/octet-stream",
                        "bytes",
                        "Invalid resource id",
                        "id",
                        "1 to 255 characters"),
                new Rule(
                        "a resource expiry that is not an instant",
                        "PUT",
                        "/api/resources/expiring-file/data?expiresAt=tomorrow",
                        "application/octet-stream",
                        "bytes",
                        "Invalid query parameter",
                        "expiresAt",
                        "was tomorrow"),
                new Rule(
                        "a value history without a path",
                        "GET",
                        "/api/devices/" + DEVICE + "/values/history",
                        null,
                        null,
                        "Missing query parameter",
                        "path",
                        "path is required"),
                new Rule(
                        "a value history limit of 0",
                        "GET",
                        "/api/devices/" + DEVICE + "/values/history?path=/3/0/9&limit=0",
                        null,
                        null,
                        "Invalid query parameter",
                        "limit",
                        "was 0"),
                new Rule(
                        "a value history from that is not an instant",
                        "GET",
                        "/api/devices/" + DEVICE + "/values/history?path=/3/0/9&from=yesterday",
                        null,
                        null,
                        "Invalid query parameter",
                        "from",
                        "was 'yesterday'"),
                new Rule(
                        "a value history to that is not an instant",
                        "GET",
                        "/api/devices/" + DEVICE + "/values/history?path=/3/0/9&to=2026-13-01",
                        null,
                        null,
                        "Invalid query parameter",
                        "to",
                        "was '2026-13-01'"),
                new Rule(
                        "a task state filter that is no state",
                        "GET",
                        "/api/tasks?state=DONE",
                        null,
                        null,
                        "Invalid query parameter",
                        "state",
                        "state must be ACTIVE or CANCELLED, was DONE"),
                new Rule(
                        "an execution status filter that is no status",
                        "GET",
                        "/api/executions?status=FINE",
                        null,
                        null,
                        "Invalid query parameter",
                        "status",
                        "was FINE"),
                new Rule(
                        "a group member endpoint over 255 characters",
                        "PUT",
                        "/api/groups/root.validation/members/" + LONG,
                        null,
                        null,
                        "Invalid endpoint",
                        "endpoint",
                        "1 to 255 characters"),
                new Rule(
                        "a group path with an empty segment",
                        "PUT",
                        "/api/groups/root..fleet",
                        null,
                        null,
                        "Invalid group path",
                        "path",
                        "'root..fleet' is not a group path"),
                new Rule(
                        "a property name over 255 characters",
                        "PUT",
                        "/api/devices/" + DEVICE + "/properties/" + LONG,
                        "text/plain",
                        "eu-west",
                        "Invalid property name",
                        "name",
                        "1 to 255 characters"),
                new Rule(
                        "a JSON property value that is not a string",
                        "PUT",
                        "/api/devices/" + DEVICE + "/properties/site",
                        "application/json",
                        "42",
                        "Invalid property value",
                        "value",
                        "a JSON body must be one string"),
                new Rule(
                        "device credentials without a body",
                        "PUT",
                        "/api/devices/" + DEVICE + "/credentials/management",
                        json,
                        null,
                        "Invalid credentials",
                        "body",
                        "a JSON body with the credentials is required"),
                new Rule(
                        "a PSK without an identity",
                        "PUT",
                        "/api/devices/" + DEVICE + "/credentials/management",
                        json,
                        "{\"mode\":\"psk\",\"key\":\"00112233\"}",
                        "Invalid credentials",
                        "identity",
                        "a PSK needs an identity"),
                new Rule(
                        "NoSec credentials",
                        "PUT",
                        "/api/devices/" + DEVICE + "/credentials/management",
                        json,
                        "{\"mode\":\"nosec\"}",
                        "Invalid credentials",
                        "mode",
                        "NoSec devices have no credentials"),
                new Rule(
                        "a server without a body",
                        "PUT",
                        "/api/servers/validation-server",
                        json,
                        null,
                        "Invalid server",
                        "body",
                        "a JSON body describing the server is required"),
                new Rule(
                        "a server of an unknown kind",
                        "PUT",
                        "/api/servers/validation-server",
                        json,
                        "{\"kind\":\"satellite\",\"uri\":\"coap://127.0.0.1:5683\",\"securityMode\":\"nosec\"}",
                        "Invalid server",
                        "kind",
                        "unknown server kind 'satellite'"),
                new Rule(
                        "a server without a security mode",
                        "PUT",
                        "/api/servers/validation-server",
                        json,
                        "{\"uri\":\"coap://127.0.0.1:5683\"}",
                        "Invalid server",
                        "securityMode",
                        "securityMode is required"),
                new Rule(
                        "a server public key that is not base64 of a key",
                        "PUT",
                        "/api/servers/validation-server",
                        json,
                        "{\"uri\":\"coaps://127.0.0.1:5684\",\"securityMode\":\"rpk\",\"serverPublicKey\":\"bm90IGEga2V5\"}",
                        "Invalid server",
                        "serverPublicKey",
                        "serverPublicKey must be the base64 of an EC public key"),
                new Rule(
                        "a bootstrap configuration naming no server",
                        "PUT",
                        "/api/devices/" + DEVICE + "/bootstrap",
                        json,
                        "{\"servers\":[]}",
                        "Invalid bootstrap configuration",
                        "servers",
                        "servers must name at least one LwM2M server"),
                new Rule(
                        "a bootstrap configuration entry without its server",
                        "PUT",
                        "/api/devices/" + DEVICE + "/bootstrap",
                        json,
                        "{\"servers\":[{}]}",
                        "Invalid bootstrap configuration",
                        "servers[0].server",
                        "servers[0].server is required"),
                new Rule(
                        "a template name that starts with a dash",
                        "PUT",
                        "/api/templates/-template",
                        xml,
                        "<config/>",
                        "Invalid template name",
                        "name",
                        "starts with a letter or digit"),
                new Rule(
                        "a template without XML",
                        "PUT",
                        "/api/templates/empty-template",
                        xml,
                        " ",
                        "Empty template",
                        "body",
                        "the body must hold the template XML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleIsABadRequestProblemNamingItsFieldOrParameter(Rule rule) {
        prepare();
        RequestSpecification request = given();
        if (rule.contentType() != null) {
            request.contentType(rule.contentType());
        }
        if (rule.body() != null) {
            request.body(rule.body().getBytes(StandardCharsets.UTF_8));
        }
        request.request(rule.method(), rule.path())
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo(rule.title()))
                .body("status", equalTo(400))
                .body("detail", containsString(rule.detail()))
                .body("parameter", equalTo(rule.parameter()));
    }

    @Test
    void malformedJsonNamesTheLineAndTheColumn() {
        given().contentType("application/json")
                .body("{\"template\": \"x\",\n  \"target\": }")
                .post("/api/tasks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", matchesPattern("The body is not JSON at line 2, column 13: .*"));
    }

    private void prepare() {
        if (prepared) {
            return;
        }
        TaskApi.registerOnce(server.coapUri().orElseThrow(), DEVICE);
        given().put("/api/groups/root.validation").then().statusCode(anyOf(equalTo(200), equalTo(201)));
        prepared = true;
    }
}
