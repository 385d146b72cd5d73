package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mappings as Camunda Modeler writes them: an input or output with a target but no source, and a multi-instance
 * output element that names the variable the job completes with.
 */
@QuarkusTest
class VariableMappingTest extends ConformanceTest {

    @Test
    void aMappingWithoutSourceSetsItsTargetToNull() {
        String id = uniqueId("mapping-no-source");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "call",
                        t -> t.zeebeJobType(id).zeebeInput(null, "cleared").zeebeOutput(null, "reset"))
                .endEvent()
                .done());
        Map<String, Object> seenByJob = new HashMap<>();
        try (JobWorker worker = client.newWorker()
                .jobType(id)
                .handler((c, job) -> {
                    seenByJob.putAll(job.getVariablesAsMap());
                    c.newCompleteCommand(job).send().join();
                })
                .open()) {
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("cleared", "outer", "reset", "before"))
                    .withResult()
                    .send()
                    .join();
            // the local null hides the outer value from the job; the output overwrites the process variable
            assertThat(seenByJob).containsEntry("cleared", null);
            assertThat(result.getVariablesAsMap())
                    .containsEntry("cleared", "outer")
                    .containsEntry("reset", null);
        }
    }

    @Test
    void anOutputElementNamingTheJobsVariableCollectsEachResult() {
        String id = uniqueId("mi-output-variable");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.parallel()
                                        .zeebeInputCollectionExpression("items")
                                        .zeebeInputElement("item")
                                        .zeebeOutputCollection("results")
                                        .zeebeOutputElementExpression("result")))
                .endEvent()
                .done());
        try (JobWorker worker = client.newWorker()
                .jobType(id)
                .handler((c, job) -> c.newCompleteCommand(job)
                        .variables(Map.of(
                                "result", "read-" + job.getVariablesAsMap().get("item")))
                        .send()
                        .join())
                .open()) {
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("items", List.of("x", "y", "z")))
                    .withResult()
                    .send()
                    .join();
            assertThat(result.getVariablesAsMap()).containsEntry("results", List.of("read-x", "read-y", "read-z"));
            // each result stayed local to its inner instance
            assertThat(result.getVariablesAsMap()).doesNotContainKey("result");
        }
    }
}
