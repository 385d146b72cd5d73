package io.dmflow.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under deploy/ that this module checks, read strictly (a key given twice is an error). */
final class DeployFiles {

    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DeployFiles() {}

    /** The repository's root folder (surefire passes it; a run from deploy/ without it finds it too). */
    static Path root() {
        String configured = System.getProperty("dmflow.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    static Path compose() {
        return root().resolve("deploy/compose/compose.yaml");
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    /** Every YAML and JSON file under deploy/, outside the build folder. */
    static List<Path> dataFiles() {
        Path deploy = root().resolve("deploy");
        try (Stream<Path> files = Files.walk(deploy)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !deploy.relativize(file).startsWith("target"))
                    .filter(file -> !deploy.relativize(file).startsWith("src"))
                    .filter(file -> name(file).endsWith(".yaml")
                            || name(file).endsWith(".yml")
                            || name(file).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (manifests hold several, separated by ---), or the one of a JSON file. */
    static List<JsonNode> documents(Path file) {
        try {
            if (name(file).endsWith(".json")) {
                return List.of(JSON.readTree(file.toFile()));
            }
            List<JsonNode> documents = new ArrayList<>();
            try (var values = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (values.hasNextValue()) {
                    JsonNode document = (JsonNode) values.nextValue();
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode composeFile() {
        return documents(compose()).get(0);
    }

    /** Every Kubernetes object of the manifests folder. */
    static List<JsonNode> manifests() {
        try (Stream<Path> files = Files.list(kubernetes())) {
            return files.filter(file -> name(file).endsWith(".yaml"))
                    .filter(file -> !name(file).equals("kustomization.yaml"))
                    .sorted()
                    .flatMap(file -> documents(file).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> manifestsOfKind(String kind) {
        return manifests().stream()
                .filter(object -> kind.equals(object.path("kind").asText()))
                .toList();
    }

    static JsonNode manifest(String kind, String name) {
        return manifestsOfKind(kind).stream()
                .filter(object ->
                        name.equals(object.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + kubernetes()));
    }

    static String name(Path file) {
        return file.getFileName().toString();
    }
}
