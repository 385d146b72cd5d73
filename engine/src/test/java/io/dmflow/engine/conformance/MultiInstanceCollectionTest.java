package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The input collection of a multi-instance activity is read once, when the body activates: inner
 * instances that change the variable it came from neither add, drop nor repeat elements (a loop
 * over a device's property keys that stores a property is the case that matters in dmflow).
 */
@QuarkusTest
class MultiInstanceCollectionTest extends ConformanceTest {

    @Test
    void sequentialLoopIteratesTheCollectionAsItWasAtActivation() {
        String id = uniqueId("mi-seq-changed");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.sequential()
                                        .zeebeInputCollectionExpression("items")
                                        .zeebeInputElement("item")
                                        .zeebeOutputCollection("seen")
                                        .zeebeOutputElementExpression("item")))
                .endEvent()
                .done());
        List<Object> handled = new CopyOnWriteArrayList<>();
        // every iteration replaces the list with a longer one whose second element differs
        try (JobWorker worker = client.newWorker()
                .jobType(id)
                .handler((c, job) -> {
                    handled.add(job.getVariablesAsMap().get("item"));
                    c.newCompleteCommand(job)
                            .variables(Map.of("items", List.of("a", "b", "c", "d", "e")))
                            .send()
                            .join();
                })
                .open()) {
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("items", List.of("x", "y")))
                    .withResult()
                    .send()
                    .join();
            assertThat(handled).containsExactly("x", "y");
            assertThat(result.getVariablesAsMap())
                    .containsEntry("seen", List.of("x", "y"))
                    .containsEntry("items", List.of("a", "b", "c", "d", "e"));
        }
    }

    @Test
    void parallelLoopCountsTheCollectionAsItWasAtActivation() {
        String id = uniqueId("mi-par-changed");
        // completes early only if the collection is read again after the first inner instance shrank it
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.parallel()
                                        .zeebeInputCollectionExpression("items")
                                        .zeebeInputElement("item")
                                        .zeebeOutputCollection("seen")
                                        .zeebeOutputElementExpression("item")
                                        .completionCondition("=numberOfCompletedInstances >= numberOfInstances")))
                .endEvent()
                .done());
        List<Object> handled = new CopyOnWriteArrayList<>();
        try (JobWorker worker = client.newWorker()
                .jobType(id)
                .handler((c, job) -> {
                    handled.add(job.getVariablesAsMap().get("item"));
                    c.newCompleteCommand(job)
                            .variables(Map.of("items", List.of("only")))
                            .send()
                            .join();
                })
                .maxJobsActive(1)
                .open()) {
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("items", List.of("x", "y", "z")))
                    .withResult()
                    .send()
                    .join();
            assertThat(handled).containsExactlyInAnyOrder("x", "y", "z");
            assertThat(result.getVariablesAsMap()).containsEntry("seen", List.of("x", "y", "z"));
        }
    }
}
