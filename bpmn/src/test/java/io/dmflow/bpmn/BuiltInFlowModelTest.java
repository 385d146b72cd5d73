package io.dmflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Definitions;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.dmflow.contract.BuiltInProcess;
import io.dmflow.contract.JobType;
import io.dmflow.contract.MessageName;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in flow is a model Camunda Modeler and Zeebe accept as it is: schema-valid, no Zeebe design-time
 * error, made for Camunda 8.9, one of the contracts' process ids named as its file, a name and a shape on every
 * element, and only job types and messages the contracts define.
 */
class BuiltInFlowModelTest {

    private static final String MODELER = "http://camunda.org/schema/modeler/1.0";

    static List<String> files() {
        return BuiltInFlowFiles.listed();
    }

    private static BpmnModelInstance read(String file) {
        return Bpmn.readModelFromStream(
                new ByteArrayInputStream(BuiltInFlowFiles.text("bpmn/" + file).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theListNamesEveryFileOfTheFolderOnce() {
        assertThat(BuiltInFlowFiles.listed())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(BuiltInFlowFiles.present());
    }

    @ParameterizedTest
    @MethodSource("files")
    void passesTheSchemaAndZeebesDesignTimeValidation(String file) {
        BpmnModelInstance model = read(file);
        Bpmn.validateModel(model);
        List<String> errors = new ArrayList<>();
        model.validate(ZeebeDesignTimeValidators.VALIDATORS)
                .getResults()
                .forEach((element, results) -> results.stream()
                        .filter(result -> result.getType() == ValidationResultType.ERROR)
                        .forEach(result -> errors.add(element.getAttributeValue("id") + ": " + result.getMessage())));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void isMadeForCamunda89UnderABuiltInProcessIdNamedAsItsFile(String file) {
        BpmnModelInstance model = read(file);
        Definitions definitions = model.getDefinitions();
        assertThat(definitions.getAttributeValueNs(MODELER, "executionPlatform"))
                .isEqualTo("Camunda Cloud");
        assertThat(definitions.getAttributeValueNs(MODELER, "executionPlatformVersion"))
                .isEqualTo("8.9.0");
        List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
        assertThat(processes).hasSize(1);
        assertThat(processes.get(0).isExecutable()).isTrue();
        assertThat(processes.get(0).getId() + ".bpmn").isEqualTo(file);
        assertThat(constants(BuiltInProcess.class)).contains(processes.get(0).getId());
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyElementHasANameAndAShape(String file) {
        BpmnModelInstance model = read(file);
        Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId())
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node.getName() == null || node.getName().isBlank()) {
                problems.add(node.getId() + " has no name");
            }
            if (!shaped.contains(node.getId())) {
                problems.add(node.getId() + " has no shape");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void usesOnlyTheContractsJobTypesAndMessages(String file) {
        BpmnModelInstance model = read(file);
        // A FEEL job type (=operation) is chosen at run time; only literal ones can be checked here.
        Set<String> jobTypes = model.getModelElementsByType(ZeebeTaskDefinition.class).stream()
                .map(ZeebeTaskDefinition::getType)
                .filter(type -> !type.startsWith("="))
                .collect(Collectors.toSet());
        assertThat(constants(JobType.class)).containsAll(jobTypes);
        Set<String> messages = model.getModelElementsByType(Message.class).stream()
                .map(Message::getName)
                .collect(Collectors.toSet());
        assertThat(constants(MessageName.class)).containsAll(messages);
    }

    /** The string constants a contracts class declares. */
    private static Set<String> constants(Class<?> contract) {
        return Arrays.stream(contract.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(BuiltInFlowModelTest::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
