package io.dmflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.conformance.ConformanceTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ended instances older than the cutoff go with their whole tree (a call activity's child included) and expired
 * messages go; an active instance, and one that ended after the cutoff, stay and work on.
 */
@QuarkusTest
class HistoryRemovalTest extends ConformanceTest {

    @Inject
    EmbeddedEngine engine;

    @Test
    void endedTreesAndExpiredMessagesGoActiveInstancesStay() {
        String child = uniqueId("history-child");
        String parent = uniqueId("history-parent");
        deploy(Bpmn.createExecutableProcess(child)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(child))
                .endEvent()
                .done());
        deploy(Bpmn.createExecutableProcess(parent)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(child))
                .endEvent()
                .done());
        long ended = start(parent, Map.of("n", 1)).getProcessInstanceKey();
        long active = start(parent, Map.of("n", 2)).getProcessInstanceKey();
        List<ActivatedJob> jobs = client.newActivateJobsCommand()
                .jobType(child)
                .maxJobsToActivate(2)
                .timeout(Duration.ofMinutes(1))
                .send()
                .join()
                .getJobs();
        assertThat(jobs).hasSize(2);
        ActivatedJob endedJob = jobs.stream()
                .filter(job -> ((Number) job.getVariablesAsMap().get("n")).intValue() == 1)
                .findFirst()
                .orElseThrow();
        ActivatedJob activeJob =
                jobs.stream().filter(job -> job != endedJob).findFirst().orElseThrow();
        client.newCompleteCommand(endedJob.getKey()).send().join();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(state(ended)).isEqualTo("COMPLETED"));
        long endedChild = endedJob.getProcessInstanceKey();
        client.newPublishMessageCommand()
                .messageName(uniqueId("history-message"))
                .correlationKey("nobody")
                .timeToLive(Duration.ZERO)
                .send()
                .join();

        EngineHistory.Removed removed =
                engine.history().removeEndedBefore(engine.clock().millis() + 1, 1000);
        assertThat(removed.rootInstances()).isGreaterThanOrEqualTo(1);
        assertThat(removed.messages()).isGreaterThanOrEqualTo(1);

        assertThatThrownBy(() -> state(ended))
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
        assertThatThrownBy(() -> state(endedChild))
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
        assertThat(client.newElementInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(endedChild))
                        .send()
                        .join()
                        .items())
                .isEmpty();
        assertThat(state(active)).isEqualTo("ACTIVE");
        client.newCompleteCommand(activeJob.getKey()).send().join();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(state(active)).isEqualTo("COMPLETED"));

        assertThat(engine.history().removeEndedBefore(0, 1000).isEmpty())
                .as("nothing ended before the cutoff")
                .isTrue();
        assertThat(state(active)).isEqualTo("COMPLETED");
    }

    private String state(long instance) {
        return client.newProcessInstanceGetRequest(instance)
                .send()
                .join()
                .getState()
                .name();
    }
}
