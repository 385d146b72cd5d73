package io.dmflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every data file under deploy/ parses, and every image the deployment files name is pinned to a version. */
class DeployFilesTest {

    private static final Pattern FROM = Pattern.compile("(?im)^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)");

    @Test
    void everyYamlAndJsonFileUnderDeployParses() {
        List<Path> files = DeployFiles.dataFiles();
        assertThat(files)
                .extracting(DeployFiles::name)
                .contains("compose.yaml", "statefulset.yaml", "service.yaml", "kustomization.yaml");
        for (Path file : files) {
            assertThat(DeployFiles.documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void aKeyGivenTwiceIsAnError() throws IOException {
        Path file = Files.createTempFile("twice", ".yaml");
        try {
            Files.writeString(file, "a: 1\nb: 2\na: 3\n");
            assertThatThrownBy(() -> DeployFiles.documents(file))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Duplicate field 'a'");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void everyImageIsPinned() {
        List<String> images = new ArrayList<>();
        DeployFiles.composeFile()
                .path("services")
                .forEach(service -> images.add(service.path("image").asText()));
        for (JsonNode object : DeployFiles.manifests()) {
            object.findValues("containers")
                    .forEach(
                            list -> list.forEach(c -> images.add(c.path("image").asText())));
            object.findValues("initContainers")
                    .forEach(
                            list -> list.forEach(c -> images.add(c.path("image").asText())));
        }
        images.addAll(dockerfileBases());
        images.add(nativeBuilderImage());

        assertThat(images).doesNotContain("").hasSizeGreaterThan(6);
        for (String image : images) {
            assertThat(ImageReference.parse(image).pinned())
                    .as("%s names a version (no tag means latest)", image)
                    .isTrue();
        }
    }

    @Test
    void whatCountsAsPinned() {
        assertThat(ImageReference.parse("camunda/camunda:8.9.0").pinned()).isTrue();
        assertThat(ImageReference.parse("quay.io/quarkus/ubi9-quarkus-micro-image:2.0")
                        .pinned())
                .isTrue();
        assertThat(ImageReference.parse("localhost:5000/dmflow@sha256:" + "0".repeat(64))
                        .pinned())
                .isTrue();
        assertThat(ImageReference.parse("postgres").pinned()).isFalse();
        assertThat(ImageReference.parse("postgres:latest").pinned()).isFalse();
        assertThat(ImageReference.parse("registry.example:5000/postgres").pinned())
                .isFalse();
        assertThat(ImageReference.parse("camunda/camunda:stable").pinned()).isFalse();
    }

    @Test
    void composeRunsTheCamundaVersionDmflowIsBuiltWith() {
        String version = System.getProperty("dmflow.camunda.version");
        assertThat(version).as("surefire passes the root pom's camunda.version").isNotBlank();
        String image = DeployFiles.composeFile()
                .path("services")
                .path("camunda")
                .path("image")
                .asText();
        assertThat(ImageReference.parse(image).repository()).isEqualTo("camunda/camunda");
        assertThat(ImageReference.parse(image).tag()).isEqualTo(version);
    }

    private static List<String> dockerfileBases() {
        Path docker = DeployFiles.root().resolve("api/src/main/docker");
        try (Stream<Path> files = Files.list(docker)) {
            List<String> bases = new ArrayList<>();
            for (Path file : files.filter(f -> DeployFiles.name(f).startsWith("Dockerfile"))
                    .toList()) {
                Matcher from = FROM.matcher(Files.readString(file));
                int found = 0;
                while (from.find()) {
                    bases.add(from.group(1));
                    found++;
                }
                assertThat(found).as(file + " has a FROM").isPositive();
            }
            assertThat(bases).as("the JVM and native Dockerfiles").hasSizeGreaterThanOrEqualTo(2);
            return bases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nativeBuilderImage() {
        Properties properties = new Properties();
        try (var in =
                Files.newInputStream(DeployFiles.root().resolve("api/src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String image = properties.getProperty("quarkus.native.builder-image");
        assertThat(image)
                .as("quarkus.native.builder-image names the Mandrel builder")
                .isNotBlank();
        return image;
    }
}
