package io.dmflow.api.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.contract.BuiltInProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every flow of the bpmn module is deployed at start; deploying a file again as it is (a restart, a second node)
 * keeps its version, and only a changed file makes a new one. dmflow is ready only once they are in the engine.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BuiltInFlowsTest {

    @Inject
    BuiltInFlows builtInFlows;

    @Inject
    Deployments deployments;

    @Test
    void everyListedFlowIsDeployedAndAnUnchangedFileKeepsItsVersion() throws Exception {
        assertThat(builtInFlows.awaitDeployed(Duration.ofSeconds(30))).isTrue();
        List<String> files = read(BuiltInFlows.FLOW_LIST)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(files).contains(BuiltInProcess.FIRMWARE_UPDATE + ".bpmn", BuiltInProcess.BACKUP + ".bpmn");
        for (String file : files) {
            String bpmn = read("bpmn/" + file);
            Deployments.Deployed first = deployments.deploy("bpmn/" + file, bpmn);
            Deployments.Deployed again = deployments.deploy("bpmn/" + file, bpmn);
            assertThat(first.processId() + ".bpmn").isEqualTo(file);
            assertThat(again.version()).as(file).isEqualTo(first.version());
            assertThat(again.definitionKey()).as(file).isEqualTo(first.definitionKey());
        }
    }

    @Test
    void readinessNamesTheBuiltInFlows() throws Exception {
        assertThat(builtInFlows.awaitDeployed(Duration.ofSeconds(30))).isTrue();
        given().auth()
                .none()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'built-in-flows' }.status", equalTo("UP"));
    }

    @Test
    void aChangedFileIsANewVersion() throws Exception {
        assertThat(builtInFlows.awaitDeployed(Duration.ofSeconds(30))).isTrue();
        String file = "bpmn/" + BuiltInProcess.BACKUP + ".bpmn";
        String bpmn = read(file);
        Deployments.Deployed current = deployments.deploy(file, bpmn);

        Deployments.Deployed changed = deployments.deploy(file, bpmn + "<!-- changed -->\n");

        assertThat(changed.version()).isEqualTo(current.version() + 1);
        // Put the shipped file back on top, as the next start would.
        assertThat(deployments.deploy(file, bpmn).version()).isEqualTo(current.version() + 2);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = BuiltInFlowsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
