package io.dmflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.contract.BuiltInProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Modeler element templates of element-templates/: each passes Camunda's JSON schema (npm package
 * {@code @camunda/zeebe-element-templates-json-schema}) and binds what dmflow runs, and together they cover every
 * job type the workers implement and every built-in flow a user flow may call.
 */
class ElementTemplateTest {

    /** The interactive operations' flow takes its job type as a variable: users call each operation's own template. */
    private static final List<String> FLOWS_WITHOUT_TEMPLATE = List.of(BuiltInProcess.DEVICE_OPERATION);

    static List<String> files() {
        return ElementTemplate.all().stream().map(ElementTemplate::file).toList();
    }

    private static ElementTemplate template(String file) {
        return ElementTemplate.all().stream()
                .filter(t -> t.file().equals(file))
                .findFirst()
                .orElseThrow();
    }

    /** Process id to its BPMN text, for every listed built-in flow. */
    private static Map<String, String> flows() {
        Map<String, String> flows = new LinkedHashMap<>();
        for (String file : BuiltInFlowFiles.listed()) {
            flows.put(file.replaceFirst("\\.bpmn$", ""), BuiltInFlowFiles.text("bpmn/" + file));
        }
        return flows;
    }

    @ParameterizedTest
    @MethodSource("files")
    void passesCamundasElementTemplateSchema(String file) {
        assertThat(ElementTemplateChecks.schemaProblems(template(file)))
                .as(file)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void bindsAJobTypeAWorkerImplementsOrABuiltInFlow(String file) {
        assertThat(ElementTemplateChecks.bindingProblems(template(file), WorkerJobs.inputsByType(), flows()))
                .as(file)
                .isEmpty();
    }

    @Test
    void theSchemaRefusesADropdownWithoutChoices() {
        ElementTemplate broken = ElementTemplate.parse("broken.json", """
                {"name": "Broken", "id": "io.dmflow.broken", "appliesTo": ["bpmn:Task"],
                 "properties": [{"label": "Mode", "type": "Dropdown", "binding": {"type": "zeebe:input", "name": "mode"}}]}""");

        assertThat(ElementTemplateChecks.schemaProblems(broken)).anyMatch(message -> message.contains("choices"));
    }

    @Test
    void aJobTypeNoWorkerImplementsAndAnInputNoWorkerReadsAreReported() {
        ElementTemplate unknownType = ElementTemplate.parse("reboot.json", """
                {"name": "Reboot", "id": "io.dmflow.reboot", "appliesTo": ["bpmn:Task"],
                 "elementType": {"value": "bpmn:ServiceTask"},
                 "properties": [{"type": "Hidden", "value": "lwm2m.reboot",
                                 "binding": {"type": "zeebe:taskDefinition", "property": "type"}}]}""");
        ElementTemplate unknownInput = ElementTemplate.parse("read.json", """
                {"name": "Read", "id": "io.dmflow.read", "appliesTo": ["bpmn:Task"],
                 "elementType": {"value": "bpmn:ServiceTask"},
                 "properties": [{"type": "Hidden", "value": "lwm2m.read",
                                 "binding": {"type": "zeebe:taskDefinition", "property": "type"}},
                                {"type": "String", "binding": {"type": "zeebe:input", "name": "path"}}]}""");

        assertThat(ElementTemplateChecks.bindingProblems(unknownType, WorkerJobs.inputsByType(), flows()))
                .containsExactly("job type lwm2m.reboot is implemented by no worker");
        assertThat(ElementTemplateChecks.bindingProblems(unknownInput, WorkerJobs.inputsByType(), flows()))
                .containsExactly("input path is not read by the lwm2m.read worker");
    }

    @Test
    void everyJobTypeTheWorkersImplementHasATemplate() {
        List<String> covered = ElementTemplate.all().stream()
                .map(ElementTemplate::jobType)
                .flatMap(Optional::stream)
                .toList();

        assertThat(WorkerJobs.inputsByType()).isNotEmpty();
        assertThat(covered)
                .doesNotHaveDuplicates()
                .containsAll(WorkerJobs.inputsByType().keySet());
    }

    @Test
    void everyBuiltInFlowHasACallActivityTemplate() {
        List<String> called = ElementTemplate.all().stream()
                .map(ElementTemplate::calledProcess)
                .flatMap(Optional::stream)
                .toList();
        List<String> callable = flows().keySet().stream()
                .filter(id -> !FLOWS_WITHOUT_TEMPLATE.contains(id))
                .toList();

        assertThat(called).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(callable);
    }

    @Test
    void idsAndNamesAreUnique() {
        assertThat(ElementTemplate.all().stream().map(ElementTemplate::id)).doesNotHaveDuplicates();
        assertThat(ElementTemplate.all().stream().map(ElementTemplate::name)).doesNotHaveDuplicates();
    }
}
