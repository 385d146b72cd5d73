package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The reference engine answers the way the suite expects: a smoke run against a real Camunda 8
 * in a container. Only with -Ddmflow.conformance.target=camunda8 (profile camunda8) and Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIfSystemProperty(named = "dmflow.conformance.target", matches = "camunda8")
class Camunda8SmokeTest {

    @Test
    void aServiceTaskRoundTripOnCamunda8() {
        try (CamundaClient client = CamundaClient.newClientBuilder()
                .restAddress(Camunda8Target.restAddress())
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .build()) {
            client.newDeployResourceCommand()
                    .addProcessModel(
                            Bpmn.createExecutableProcess("smoke")
                                    .startEvent()
                                    .serviceTask("t", t -> t.zeebeJobType("smoke"))
                                    .endEvent()
                                    .done(),
                            "smoke.bpmn")
                    .send()
                    .join();
            client.newCreateInstanceCommand()
                    .bpmnProcessId("smoke")
                    .latestVersion()
                    .variables(Map.of("a", 1))
                    .send()
                    .join();
            var jobs = client.newActivateJobsCommand()
                    .jobType("smoke")
                    .maxJobsToActivate(1)
                    .requestTimeout(Duration.ofSeconds(10))
                    .send()
                    .join()
                    .getJobs();
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("a", 1);
        }
    }
}
