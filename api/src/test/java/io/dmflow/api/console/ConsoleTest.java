package io.dmflow.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console at /console: its files are served, with bpmn-js vendored and nothing fetched from elsewhere, and the
 * REST calls its pages make (console/src/main/resources/META-INF/resources/console/js) answer in the shapes those
 * pages read. The calls below are the console's own, body for body; no browser runs them (see README, "Console").
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ConsoleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * How a page could load something from another host: a CSS url() or @import, a src attribute, a stylesheet link,
     * a module import. (A link the user may follow, such as bpmn-js' bpmn.io notice, loads nothing.)
     */
    private static final Pattern EXTERNAL_LOAD = Pattern.compile(
            "(url\\(\\s*['\"]?|@import\\s+(url\\()?['\"]?"
                    + "|src\\s*=\\s*['\"]?|<link[^>]*href\\s*=\\s*['\"]?|import\\s*\\(\\s*['\"]|from\\s*['\"])(https?:)?//",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"(?!data:)([^\"#]+)\"");

    private static final Pattern MODULE_IMPORT = Pattern.compile("(?:from|import)\\s*'([^']+)'");

    @Inject
    DeviceManagementServer server;

    @Test
    void servesTheConsoleAndEveryFileItLoadsWithoutSigningInAndFromNowhereElse() {
        String index = given().auth()
                .none()
                .get("/console/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertThat(index)
                .contains("<script type=\"module\" src=\"js/app.js\"></script>")
                .contains("vendor/bpmn-navigated-viewer.production.min.js")
                .contains("Content-Security-Policy")
                .contains("default-src 'self'");

        // every file index.html names, and every module those import, transitively
        Set<String> served = new LinkedHashSet<>();
        Deque<String> toFetch = new ArrayDeque<>();
        Matcher references = HTML_REFERENCE.matcher(index);
        while (references.find()) {
            toFetch.add("/console/" + references.group(1));
        }
        while (!toFetch.isEmpty()) {
            String path = toFetch.poll();
            if (!served.add(path)) {
                continue;
            }
            Response response = given().auth().none().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String body = response.asString();
            assertThat(EXTERNAL_LOAD.matcher(body).find())
                    .as("%s loads nothing from another host", path)
                    .isFalse();
            if (!path.contains("/vendor/")) {
                assertThat(body)
                        .as("%s names no URL of another host at all", path)
                        .doesNotContain("http://")
                        .doesNotContain("https://");
            }
            if (path.endsWith(".js") && !path.contains("/vendor/")) {
                assertThat(response.contentType()).as(path).contains("javascript");
                Matcher imports = MODULE_IMPORT.matcher(body);
                while (imports.find()) {
                    toFetch.add(resolve(path, imports.group(1)));
                }
            }
        }
        assertThat(served)
                .contains(
                        "/console/js/app.js",
                        "/console/js/http.js",
                        "/console/js/diagram.js",
                        "/console/js/pages/devices.js",
                        "/console/js/pages/tasks.js",
                        "/console/js/pages/templates.js",
                        "/console/js/pages/flows.js",
                        "/console/vendor/bpmn-navigated-viewer.production.min.js",
                        "/console/vendor/bpmn-js.css",
                        "/console/vendor/diagram-js.css",
                        "/console/console.css");
        assertThat(given().auth()
                        .none()
                        .get("/console/vendor/bpmn-navigated-viewer.production.min.js")
                        .asString())
                .startsWith("/*! bpmn-js - bpmn-navigated-viewer v18.");
        // the credentials go as HTTP Basic on every call, and a 401 must not open the browser's own dialog
        assertThat(given().auth().none().get("/console/js/http.js").asString())
                .contains("Authorization = `Basic ${basic}`")
                .contains("credentials: 'omit'");
    }

    @Test
    void consoleWithoutItsTrailingSlashLeadsToTheConsole() {
        given().auth()
                .none()
                .redirects()
                .follow(false)
                .get("/console")
                .then()
                .statusCode(301)
                .header("Location", equalTo("/console/"));
        given().auth()
                .none()
                .redirects()
                .follow(false)
                .get("/console?from=bookmark")
                .then()
                .statusCode(301)
                .header("Location", equalTo("/console/?from=bookmark"));
        given().auth()
                .none()
                .get("/console")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("js/app.js"));
        given().auth().none().redirects().follow(false).get("/console/").then().statusCode(200);
    }

    @Test
    void aSignInLearnsTheRoleFromWhoAmIAndTheFlowPagesMayWhatTheRoleMay() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String viewer = "console-viewer-" + suffix;
        String operator = "console-operator-" + suffix;
        for (String[] user : List.of(new String[] {viewer, "viewer"}, new String[] {operator, "operator"})) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", user[0], "password", "console-secret", "role", user[1]))
                    .post("/api/users")
                    .then()
                    .statusCode(201);
        }
        // js/auth.js: one call with the typed credentials; a wrong password is a 401 the page words itself
        given().auth()
                .preemptive()
                .basic(viewer, "wrong-password")
                .get("/api/whoami")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic(viewer, "console-secret")
                .get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo(viewer))
                .body("role", equalTo("viewer"));
        given().auth()
                .preemptive()
                .basic(operator, "console-secret")
                .get("/api/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo(operator))
                .body("role", equalTo("operator"));
        // the flow pages read /v2 with any role; repairs need an operator, the rest of /v2 stays the admin's
        given().auth()
                .preemptive()
                .basic(viewer, "console-secret")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-definitions/search")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(viewer, "console-secret")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-instances/1/cancellation")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(operator, "console-secret")
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-instances/1/cancellation")
                .then()
                .statusCode(404);
        given().auth()
                .preemptive()
                .basic(operator, "console-secret")
                .contentType(ContentType.JSON)
                .body("{\"bpmnProcessId\": \"x\"}")
                .post("/v2/process-instances")
                .then()
                .statusCode(403);
    }

    @Test
    void aTemplateShowsItsCompileErrorsAtLineAndColumnAndItsCompiledDiagram() {
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/xml")
                .body("<config>\n  <get key=\"/3/0/3\" output=\"v\"/>\n  <nosuchtag/>\n</config>")
                .put("/api/templates/{name}", name)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].line", equalTo(3))
                .body("errors[0].column", notNullValue())
                .body("errors[0].detail", notNullValue());
        given().contentType("application/xml")
                .body("<config>\n  <get key=\"/3/0/3\" output=\"v\"/>\n</config>")
                .put("/api/templates/{name}", name)
                .then()
                .statusCode(201)
                .body("version", equalTo(1));
        given().accept("application/xml, application/problem+json")
                .get("/api/templates/{name}", name)
                .then()
                .statusCode(200)
                .body(containsString("<get key=\"/3/0/3\""));
        String bpmn = given().accept("application/xml, application/problem+json")
                .get("/api/templates/{name}/bpmn", name)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(bpmn)
                .as("bpmn-js draws only what has diagram interchange")
                .contains("BPMNDiagram")
                .contains("BPMNShape");
        JsonPath list = given().get("/api/templates?size=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(list.getList("items.name")).contains(name);
    }

    @Test
    void anIncidentIsRetriedAfterItsVariableIsEditedAndAnInstanceCancelledAsTheFlowPagesDoIt() {
        String id =
                "console_repair_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String jobType = "console-test." + id;
        given().contentType("application/xml")
                .body("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="http://dmflow.io/test">
                  <process id="%s" name="Console repair" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="toStep" sourceRef="start" targetRef="step"/>
                    <serviceTask id="step" name="Step">
                      <extensionElements><zeebe:taskDefinition type="%s"/></extensionElements>
                    </serviceTask>
                    <sequenceFlow id="toEnd" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(id, jobType))
                .put("/api/processes/{id}", id)
                .then()
                .statusCode(201);
        String instance = startInstance(id);

        // the step fails with no retries left: an incident
        JsonPath job = activate(jobType);
        given().contentType(ContentType.JSON)
                .body(Map.of("retries", 0, "errorMessage", "device said no"))
                .post("/v2/jobs/{key}/failure", job.getString("jobKey"))
                .then()
                .statusCode(204);

        // Flows: the definition with its counts (the latest version, counted over all versions)
        JsonPath definitions = search(
                "process-definitions",
                Map.of("isLatestVersion", true),
                List.of(
                        Map.of("field", "processDefinitionId", "order", "ASC"),
                        Map.of("field", "version", "order", "DESC")),
                500);
        assertThat(definitions.getList("items.processDefinitionId")).contains(id);
        assertThat(count(Map.of("processDefinitionId", id, "state", "ACTIVE"))).isEqualTo(1);
        assertThat(count(Map.of("processDefinitionId", id, "state", "ACTIVE", "hasIncident", true)))
                .isEqualTo(1);
        assertThat(count(Map.of("processDefinitionId", id, "state", "COMPLETED")))
                .isZero();
        // the instances list, newest first, with an incident
        JsonPath instances = search(
                "process-instances",
                Map.of("processDefinitionId", id, "state", "ACTIVE", "hasIncident", true),
                List.of(
                        Map.of("field", "startDate", "order", "DESC"),
                        Map.of("field", "processInstanceKey", "order", "DESC")),
                50);
        assertThat(instances.getList("items.processInstanceKey")).containsExactly(instance);
        assertThat(instances.getString("items[0].processDefinitionName")).isEqualTo("Console repair");
        assertThat(instances.getInt("items[0].processDefinitionVersion")).isEqualTo(1);

        // one instance: its definition's XML, its state on the elements, its incidents, variables and history
        String definitionKey = given().get("/v2/process-instances/{key}", instance)
                .then()
                .statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("hasIncident", equalTo(true))
                .extract()
                .path("processDefinitionKey");
        given().accept("application/xml, text/xml, application/problem+json")
                .get("/v2/process-definitions/{key}/xml", definitionKey)
                .then()
                .statusCode(200)
                .body(containsString("id=\"" + id + "\""));
        JsonPath statistics = given().get("/v2/process-instances/{key}/statistics/element-instances", instance)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(statistics.getInt("items.find { it.elementId == 'step' }.incidents"))
                .isEqualTo(1);
        assertThat(statistics.getInt("items.find { it.elementId == 'start' }.completed"))
                .isEqualTo(1);
        given().get("/v2/process-instances/{key}/sequence-flows", instance)
                .then()
                .statusCode(200)
                .body("items.sequenceFlowId", hasItem("toStep"));
        JsonPath incidents = given().contentType(ContentType.JSON)
                .body(Map.of("page", Map.of("limit", 200)))
                .post("/v2/process-instances/{key}/incidents/search", instance)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(incidents.getList("items.state")).containsExactly("ACTIVE");
        assertThat(incidents.getString("items[0].errorType")).isEqualTo("JOB_NO_RETRIES");
        assertThat(incidents.getString("items[0].errorMessage")).isEqualTo("device said no");
        assertThat(incidents.getString("items[0].elementId")).isEqualTo("step");
        assertThat(incidents.getString("items[0].jobKey")).isEqualTo(job.getString("jobKey"));
        JsonPath variables = search(
                "variables",
                Map.of("processInstanceKey", instance),
                List.of(Map.of("field", "name", "order", "ASC")),
                1000);
        assertThat(variables.getList("items.name")).containsExactly("note");
        assertThat(variables.getString("items[0].value")).isEqualTo("\"as started\"");
        assertThat(variables.getString("items[0].scopeKey")).isEqualTo(instance);
        assertThat(variables.getBoolean("items[0].isTruncated")).isFalse();
        JsonPath elements = search(
                "element-instances",
                Map.of("processInstanceKey", instance),
                List.of(
                        Map.of("field", "startDate", "order", "ASC"),
                        Map.of("field", "elementInstanceKey", "order", "ASC")),
                1000);
        assertThat(elements.getList("items.elementId")).containsExactly(id, "start", "step");
        assertThat(elements.getList("items.state")).containsExactly("ACTIVE", "COMPLETED", "ACTIVE");
        assertThat(elements.getString("items[0].elementInstanceKey")).isEqualTo(instance);
        assertThat(search("process-instances", Map.of("parentProcessInstanceKey", instance), null, 100)
                        .getList("items"))
                .isEmpty();

        // Repair: edit the variable in its scope, then retry (retries up, incident resolved), and the flow goes on
        given().contentType(ContentType.JSON)
                .body(Map.of("variables", Map.of("note", "edited"), "local", true))
                .put("/v2/element-instances/{key}/variables", instance)
                .then()
                .statusCode(204);
        given().contentType(ContentType.JSON)
                .body(Map.of("changeset", Map.of("retries", 1)))
                .patch("/v2/jobs/{key}", job.getString("jobKey"))
                .then()
                .statusCode(204);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/incidents/{key}/resolution", incidents.getString("items[0].incidentKey"))
                .then()
                .statusCode(204);
        JsonPath retried = activate(jobType);
        assertThat(retried.getString("variables.note")).isEqualTo("edited");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/jobs/{key}/completion", retried.getString("jobKey"))
                .then()
                .statusCode(204);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().get("/v2/process-instances/{key}", instance)
                        .then()
                        .body("state", equalTo("COMPLETED"))
                        .body("hasIncident", equalTo(false)));
        assertThat(count(Map.of("processDefinitionId", id, "state", "COMPLETED")))
                .isEqualTo(1);

        // Cancel: another instance of it
        String cancelled = startInstance(id);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v2/process-instances/{key}/cancellation", cancelled)
                .then()
                .statusCode(204);
        given().get("/v2/process-instances/{key}", cancelled).then().body("state", equalTo("TERMINATED"));
    }

    @Test
    void aDevicesHistoryLeadsToTheFlowInstanceEachExecutionRan() {
        String endpoint = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String template = endpoint + "-read";
        TaskApi.saveTemplate(template, "<config><get key=\"/3/0/0\" output=\"maker\"/></config>");
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, TIMEOUT)).isTrue();
            // the device's record is written when dmflow has handled the registration, after the device heard back
            TaskApi.awaitDeviceState(endpoint, "online");
            // Devices: the list with state and last contact, and the device page's parts
            given().queryParam("endpointPrefix", endpoint)
                    .queryParam("page", 0)
                    .queryParam("size", 50)
                    .get("/api/devices")
                    .then()
                    .statusCode(200)
                    .body("totalItems", equalTo(1))
                    .body("totalPages", equalTo(1))
                    .body("items[0].state", equalTo("online"))
                    .body("items[0].lastContactAt", notNullValue());
            given().get("/api/devices/{e}/values", endpoint).then().statusCode(200);
            given().get("/api/devices/{e}/properties", endpoint).then().statusCode(200);
            given().get("/api/devices/{e}/observations", endpoint).then().statusCode(200);

            // Tasks: submitted from the form's body, with its summary for the progress bar
            String task = TaskApi.submit("""
                    {"template": "%s", "target": {"device": "%s"}, "priority": 10, "blocking": false, "properties": {}}""".formatted(template, endpoint));
            String execution = TaskApi.executionOf(task);
            TaskApi.awaitStatus(execution, "SUCCESS");
            given().get("/api/tasks/{id}/summary", task)
                    .then()
                    .statusCode(200)
                    .body("totalScheduled", equalTo(1))
                    .body("completed", equalTo(1))
                    .body("successes", equalTo(1))
                    .body("successRate", equalTo(1.0f));
            given().queryParam("page", 0)
                    .queryParam("size", 20)
                    .get("/api/tasks")
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem(task));

            // the device's history: the execution, and from it the flow instance it ran
            JsonPath history = given().queryParam("device", endpoint)
                    .queryParam("page", 0)
                    .queryParam("size", 25)
                    .get("/api/executions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(history.getList("items.id")).containsExactly(execution);
            String instance = history.getString("items[0].processInstanceKey");
            assertThat(instance).isNotNull();
            given().get("/api/executions/{id}", execution)
                    .then()
                    .statusCode(200)
                    .body("history.status", hasItem("SUCCESS"));
            given().get("/api/executions/{id}/log", execution).then().statusCode(200);
            given().get("/v2/process-instances/{key}", instance)
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("COMPLETED"));
            JsonPath root = search(
                    "variables",
                    Map.of("processInstanceKey", instance),
                    List.of(Map.of("field", "name", "order", "ASC")),
                    1000);
            Map<String, String> rootValues = new java.util.HashMap<>();
            List<Map<String, Object>> items = root.getList("items");
            items.stream()
                    .filter(v -> instance.equals(v.get("scopeKey")))
                    .forEach(v -> rootValues.put((String) v.get("name"), (String) v.get("value")));
            assertThat(JsonPath.from(rootValues.get("device")).getString("endpoint"))
                    .isEqualTo(endpoint);
            assertThat(JsonPath.from(rootValues.get("execution")).getString("id"))
                    .isEqualTo(execution);
            assertThat(JsonPath.from(rootValues.get("task")).getString("id")).isEqualTo(task);
        }
    }

    private static String startInstance(String processId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("processDefinitionId", processId, "variables", Map.of("note", "as started")))
                .post("/v2/process-instances")
                .then()
                .statusCode(200)
                .extract()
                .path("processInstanceKey");
    }

    private static JsonPath activate(String jobType) {
        JsonPath jobs = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        jobType,
                        "worker",
                        "console-test",
                        "timeout",
                        60000,
                        "maxJobsToActivate",
                        1,
                        "requestTimeout",
                        10000))
                .post("/v2/jobs/activation")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(jobs.getList("jobs")).hasSize(1);
        return JsonPath.from(jobs.prettify()).setRootPath("jobs[0]");
    }

    private static JsonPath search(
            String resource, Map<String, Object> filter, List<Map<String, String>> sort, int limit) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("filter", filter);
        if (sort != null) {
            body.put("sort", sort);
        }
        body.put("page", Map.of("limit", limit, "from", 0));
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v2/{resource}/search", resource)
                .then()
                .statusCode(200)
                .body("page.totalItems", notNullValue())
                .extract()
                .jsonPath();
    }

    /** How the definitions page counts: a search of one item, read for its total. */
    private static long count(Map<String, Object> filter) {
        return search("process-instances", filter, null, 1).getLong("page.totalItems");
    }

    private static String resolve(String from, String relative) {
        String base = from.substring(0, from.lastIndexOf('/') + 1);
        String path = base + relative;
        while (path.contains("/./")) {
            path = path.replace("/./", "/");
        }
        while (path.matches(".*/[^/.][^/]*/\\.\\./.*")) {
            path = path.replaceFirst("/[^/.][^/]*/\\.\\./", "/");
        }
        return path;
    }
}
