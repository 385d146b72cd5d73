package io.dmflow.bpmn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What makes an element template wrong: Camunda's schema, and bindings that nothing in dmflow answers. */
final class ElementTemplateChecks {

    /** Set by the pom: the schema npm ci put under target/npm, so that the tests never go online. */
    static final String SCHEMA_PROPERTY = "dmflow.elementTemplates.schema";

    /** A call activity's own input: the called flow leaves the execution's end to its caller. */
    static final String ENDS_EXECUTION = "endsExecution";

    private static JsonSchema schema;

    private ElementTemplateChecks() {}

    /** The messages of Camunda's JSON schema of Zeebe element templates, none when it is valid. */
    static List<String> schemaProblems(ElementTemplate template) {
        return schema().validate(template.json()).stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    /**
     * A service task template must name a job type a worker implements and map only inputs its worker reads; a call
     * activity template must call a built-in flow (process id to its BPMN) with inputs the flow reads.
     */
    static List<String> bindingProblems(
            ElementTemplate template, Map<String, List<String>> workerInputs, Map<String, String> flows) {
        List<String> problems = new ArrayList<>();
        switch (template.elementType()) {
            case "bpmn:ServiceTask" ->
                template.jobType()
                        .ifPresentOrElse(
                                type -> {
                                    if (!workerInputs.containsKey(type)) {
                                        problems.add("job type " + type + " is implemented by no worker");
                                        return;
                                    }
                                    template.inputs().stream()
                                            .filter(input ->
                                                    !workerInputs.get(type).contains(input))
                                            .forEach(input -> problems.add(
                                                    "input " + input + " is not read by the " + type + " worker"));
                                },
                                () -> problems.add("a service task template without a job type"));
            case "bpmn:CallActivity" ->
                template.calledProcess()
                        .ifPresentOrElse(
                                process -> {
                                    if (!flows.containsKey(process)) {
                                        problems.add("process " + process + " is not a built-in flow");
                                        return;
                                    }
                                    template.inputs().stream()
                                            .filter(input -> !mentions(flows.get(process), input))
                                            .forEach(input -> problems.add(
                                                    "input " + input + " is not read by the flow " + process));
                                    template.outputSources().stream()
                                            .filter(source -> !mentions(flows.get(process), source))
                                            .forEach(source -> problems.add(
                                                    "output " + source + " is not set by the flow " + process));
                                },
                                () -> problems.add("a call activity template without a called process"));
            default ->
                problems.add("element type " + template.elementType() + " is neither a service task nor a "
                        + "call activity");
        }
        return problems;
    }

    private static boolean mentions(String bpmn, String variable) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(variable) + "(?!\\w)")
                .matcher(bpmn)
                .find();
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            String location = System.getProperty(SCHEMA_PROPERTY);
            if (location == null) {
                throw new IllegalStateException("the system property " + SCHEMA_PROPERTY + " names no schema: run "
                        + "the tests through Maven, whose npm ci fetches it");
            }
            try {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(new ObjectMapper().readTree(Files.readString(Path.of(location))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the element template schema " + location, e);
            }
        }
        return schema;
    }
}
