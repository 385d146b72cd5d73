package io.dmflow.bpmn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One Camunda 8 element template of element-templates/, read the way Camunda Modeler applies it. */
record ElementTemplate(String file, JsonNode json) {

    /** Beside the module's pom: Camunda Modeler users point it at this folder, so it is not a classpath resource. */
    static final Path FOLDER = Path.of("element-templates");

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<ElementTemplate> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(file -> parse(file.getFileName().toString(), read(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ElementTemplate parse(String file, String text) {
        try {
            return new ElementTemplate(file, JSON.readTree(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String id() {
        return json.path("id").asText();
    }

    String name() {
        return json.path("name").asText();
    }

    String elementType() {
        return json.path("elementType").path("value").asText();
    }

    /** The job type a service task made from it gets. */
    Optional<String> jobType() {
        return hiddenValue("zeebe:taskDefinition", "type");
    }

    /** The process a call activity made from it calls. */
    Optional<String> calledProcess() {
        return hiddenValue("zeebe:calledElement", "processId");
    }

    /** The input variables it maps ({@code zeebe:input} names). */
    List<String> inputs() {
        List<String> names = new ArrayList<>();
        for (JsonNode property : json.path("properties")) {
            JsonNode binding = property.path("binding");
            if (binding.path("type").asText().equals("zeebe:input")) {
                names.add(binding.path("name").asText());
            }
        }
        return names;
    }

    /** The variables of the element it maps to outer ones ({@code zeebe:output} sources, without the '='). */
    List<String> outputSources() {
        List<String> sources = new ArrayList<>();
        for (JsonNode property : json.path("properties")) {
            JsonNode binding = property.path("binding");
            if (binding.path("type").asText().equals("zeebe:output")) {
                sources.add(binding.path("source").asText().replaceFirst("^=", ""));
            }
        }
        return sources;
    }

    private Optional<String> hiddenValue(String bindingType, String bindingProperty) {
        for (JsonNode property : json.path("properties")) {
            JsonNode binding = property.path("binding");
            if (binding.path("type").asText().equals(bindingType)
                    && binding.path("property").asText().equals(bindingProperty)) {
                return Optional.of(property.path("value").asText());
            }
        }
        return Optional.empty();
    }
}
