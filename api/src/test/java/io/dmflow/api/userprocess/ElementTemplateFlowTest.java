package io.dmflow.api.userprocess;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user flow modelled only with dmflow's element templates (userprocess/set-timezone.bpmn: LwM2M Read, LwM2M
 * Write, the Execute flow, Record execution status) deploys through /api/processes and runs as a task on a
 * simulated device.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ElementTemplateFlowTest {

    private static final String PROCESS = "set-timezone";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
    /** The templates are source files of the bpmn module, for Camunda Modeler, not part of its jar. */
    private static final Path TEMPLATES = Path.of("..", "bpmn", "element-templates");

    @Inject
    DeviceManagementServer server;

    @Test
    void everyActivityOfTheFlowIsMadeFromAnElementTemplateAndKeepsItsBindings() {
        BpmnModelInstance model =
                Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn().getBytes(StandardCharsets.UTF_8)));
        Map<String, JsonNode> templates = templatesById();
        List<Activity> activities = List.copyOf(model.getModelElementsByType(Activity.class));

        assertThat(activities).hasSize(4);
        for (Activity activity : activities) {
            String templateId = activity.getAttributeValueNs(ZEEBE, "modelerTemplate");
            assertThat(templates).as(activity.getId() + " names a template").containsKey(templateId);
            JsonNode template = templates.get(templateId);
            assertThat(activity.getAttributeValueNs(ZEEBE, "modelerTemplateVersion"))
                    .as(activity.getId())
                    .isEqualTo(template.path("version").asText());
            assertThat("bpmn:" + activity.getElementType().getTypeName())
                    .as(activity.getId())
                    .isEqualToIgnoringCase(
                            template.path("elementType").path("value").asText());
            assertBindings(activity, template);
        }
    }

    /** What Camunda Modeler writes when it applies the template: its hidden values, and only inputs it defines. */
    private static void assertBindings(Activity activity, JsonNode template) {
        ZeebeIoMapping mapping = activity.getSingleExtensionElement(ZeebeIoMapping.class);
        Map<String, String> inputs = new HashMap<>();
        Map<String, String> outputs = new HashMap<>();
        if (mapping != null) {
            mapping.getInputs().forEach(input -> inputs.put(input.getTarget(), input.getSource()));
            mapping.getOutputs().forEach(output -> outputs.put(output.getSource(), output.getTarget()));
        }
        Map<String, JsonNode> templateInputs = new LinkedHashMap<>();
        List<String> templateOutputs = new ArrayList<>();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            switch (binding.path("type").asText()) {
                case "zeebe:taskDefinition" ->
                    assertThat(activity.getSingleExtensionElement(ZeebeTaskDefinition.class)
                                    .getType())
                            .as(activity.getId())
                            .isEqualTo(property.path("value").asText());
                case "zeebe:calledElement" -> {
                    ZeebeCalledElement called = activity.getSingleExtensionElement(ZeebeCalledElement.class);
                    String value = binding.path("property").asText().equals("processId")
                            ? called.getProcessId()
                            : String.valueOf(called.isPropagateAllChildVariablesEnabled());
                    assertThat(value)
                            .as(activity.getId() + " "
                                    + binding.path("property").asText())
                            .isEqualTo(property.path("value").asText());
                }
                case "zeebe:input" -> templateInputs.put(binding.path("name").asText(), property);
                case "zeebe:output" ->
                    templateOutputs.add(binding.path("source").asText());
                default ->
                    throw new AssertionError(template.path("id").asText() + " binds "
                            + binding.path("type").asText() + ", which this test does not know");
            }
        }
        assertThat(templateInputs.keySet()).as(activity.getId() + " inputs").containsAll(inputs.keySet());
        templateInputs.forEach((name, property) -> {
            boolean required = property.path("constraints").path("notEmpty").asBoolean(false);
            if (property.path("type").asText().equals("Hidden") || required) {
                assertThat(inputs).as(activity.getId() + " input " + name).containsKey(name);
            }
            if (property.path("type").asText().equals("Hidden")) {
                assertThat(inputs.get(name))
                        .as(activity.getId() + " input " + name)
                        .isEqualTo(property.path("value").asText());
            }
        });
        assertThat(templateOutputs).as(activity.getId() + " outputs").containsAll(outputs.keySet());
    }

    @Test
    void theFlowDeployedThroughTheApiReadsWritesAndCallsTheExecuteFlowOnASimulatedDevice() {
        given().contentType(ContentType.XML)
                .body(bpmn())
                .put("/api/processes/{id}", PROCESS)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(anyOf(equalTo(200), equalTo(201)))
                .body("id", equalTo(PROCESS));
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint("templated-flow")
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, TIMEOUT)).isTrue();
            TaskApi.awaitDeviceState("templated-flow", "online");

            String execution = TaskApi.executionOf(TaskApi.submit("""
                    {"process": "%s", "target": {"device": "templated-flow"},
                     "properties": {"timezone": "Europe/Paris"}}""".formatted(PROCESS)));
            JsonPath ended = TaskApi.ended(execution, "SUCCESS", TIMEOUT);

            assertThat(ended.getString("result")).isEqualTo("SUCCESS");
            assertThat(ended.getString("details")).isEqualTo("timezone Etc/UTC -> Europe/Paris; executed /3/0/12");
            assertThat(fleet.device().deviceObject().operationJournal())
                    .containsExactly("write 15 Europe/Paris", "execute 12");
        }
    }

    private static String bpmn() {
        try (InputStream in = ElementTemplateFlowTest.class
                .getClassLoader()
                .getResourceAsStream("userprocess/" + PROCESS + ".bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> templatesById() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> templates = new HashMap<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode template = json.readTree(file.toFile());
                templates.put(template.path("id").asText(), template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(templates).as("templates in " + TEMPLATES.toAbsolutePath()).isNotEmpty();
        return templates;
    }
}
