package io.dmflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml read the way Docker Compose reads it: what it starts, how the services find each
 * other, which ports it publishes, and that each variable it takes from .env is described in .env.example.
 */
class ComposeFileTest {

    private static final Pattern PORT = Pattern.compile("(?:(?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-fA-F:]+]):)?"
            + "(?:(?<host>\\d+(?:-\\d+)?):)?(?<container>\\d+(?:-\\d+)?)(?:/(?<protocol>tcp|udp|sctp))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<rest>[^}]*)}");
    private static final Set<String> CONDITIONS =
            Set.of("service_started", "service_healthy", "service_completed_successfully");

    private final JsonNode compose = DeployFiles.composeFile();
    private final JsonNode services = compose.path("services");

    @Test
    void startsPostgresqlCamundaAndDmflow() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("postgres", "camunda", "dmflow");
        services.forEach(service -> assertThat(service.path("image").asText()).isNotBlank());
        assertThat(services.path("dmflow").path("build").path("dockerfile").asText())
                .isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(DeployFiles.root()
                        .resolve("deploy/compose")
                        .resolve(services.path("dmflow")
                                .path("build")
                                .path("context")
                                .asText())
                        .resolve("src/main/docker/Dockerfile.jvm"))
                .exists();
    }

    @Test
    void dependsOnlyOnDefinedServicesAndWaitsForTheirHealth() {
        services.fields().forEachRemaining(service -> {
            JsonNode dependsOn = service.getValue().path("depends_on");
            List<String> targets = new ArrayList<>();
            if (dependsOn.isArray()) {
                dependsOn.forEach(target -> targets.add(target.asText()));
            } else {
                dependsOn.fields().forEachRemaining(target -> {
                    targets.add(target.getKey());
                    String condition = target.getValue().path("condition").asText("service_started");
                    assertThat(CONDITIONS)
                            .as(service.getKey() + " -> " + target.getKey())
                            .contains(condition);
                    if (condition.equals("service_healthy")) {
                        assertThat(services.path(target.getKey()).has("healthcheck"))
                                .as(
                                        "%s waits for %s to be healthy, so it needs a health check",
                                        service.getKey(), target.getKey())
                                .isTrue();
                    }
                });
            }
            for (String target : targets) {
                assertThat(services.has(target))
                        .as(service.getKey() + " depends on " + target)
                        .isTrue();
                assertThat(target).isNotEqualTo(service.getKey());
            }
        });
        assertThat(services.path("dmflow")
                        .path("depends_on")
                        .path("camunda")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("dmflow")
                        .path("depends_on")
                        .path("postgres")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services.fields().forEachRemaining(service -> {
            JsonNode test = service.getValue().path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() >= 2)
                    .as(service.getKey() + " healthcheck.test")
                    .isTrue();
            assertThat(test.get(0).asText()).isIn("CMD", "CMD-SHELL");
        });
        assertThat(services.path("dmflow").path("healthcheck").path("test").toString())
                .contains("/q/health/ready");
    }

    @Test
    void dmflowPublishesHttpAndLwm2mOverUdp() {
        Set<String> published = new HashSet<>();
        services.fields().forEachRemaining(service -> {
            for (JsonNode port : service.getValue().path("ports")) {
                Matcher matcher = PORT.matcher(port.asText());
                assertThat(matcher.matches())
                        .as(service.getKey() + " port " + port.asText())
                        .isTrue();
                if (service.getKey().equals("dmflow")) {
                    String protocol = matcher.group("protocol") == null ? "tcp" : matcher.group("protocol");
                    published.add(matcher.group("container") + "/" + protocol);
                    assertThat(matcher.group("host"))
                            .as("published on the host")
                            .isNotNull();
                }
            }
        });
        assertThat(published).contains("8080/tcp", "5683/udp", "5684/udp");
    }

    @Test
    void dmflowRunsInRemoteModeAgainstTheCamundaService() {
        JsonNode environment = services.path("dmflow").path("environment");
        assertThat(environment.path("DMFLOW_ENGINE_MODE").asText()).isEqualTo("remote");
        URI rest = URI.create(environment.path("DMFLOW_CAMUNDA_REST_ADDRESS").asText());
        assertThat(services.has(rest.getHost()))
                .as("the REST address names a service")
                .isTrue();
        assertThat(containerPorts(services.path(rest.getHost()))).contains(String.valueOf(rest.getPort()));
        URI jdbc = URI.create(
                environment.path("QUARKUS_DATASOURCE_JDBC_URL").asText().substring("jdbc:".length()));
        assertThat(services.has(jdbc.getHost()))
                .as("the JDBC URL names a service")
                .isTrue();
    }

    @Test
    void namedVolumesAreDeclared() {
        services.fields().forEachRemaining(service -> {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.asText().split(":", 2)[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(compose.path("volumes").has(source))
                            .as(service.getKey() + " volume " + source)
                            .isTrue();
                }
            }
        });
    }

    @Test
    void everyVariableTakenFromDotEnvIsDescribedInTheExample() throws IOException {
        String text = Files.readString(DeployFiles.compose());
        Set<String> example = new HashSet<>();
        for (String line : Files.readAllLines(DeployFiles.root().resolve("deploy/compose/.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.split("=", 2)[0].trim());
            }
        }
        Matcher variable = VARIABLE.matcher(text);
        int found = 0;
        while (variable.find()) {
            found++;
            assertThat(example)
                    .as("${%s} in compose.yaml", variable.group("name"))
                    .contains(variable.group("name"));
        }
        assertThat(found).isPositive();
        assertThat(DeployFiles.root().resolve("deploy/compose/.gitignore"))
                .content()
                .contains(".env");
    }

    private static List<String> containerPorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("ports")) {
            Matcher matcher = PORT.matcher(port.asText());
            if (matcher.matches()) {
                ports.add(matcher.group("container"));
            }
        }
        service.path("expose").forEach(port -> ports.add(port.asText()));
        return ports;
    }
}
