package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayTest extends ConformanceTest {

    private String decision(String id) {
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .exclusiveGateway("which")
                .defaultFlow()
                .serviceTask("low", t -> t.zeebeJobType(id + "-low"))
                .endEvent()
                .moveToNode("which")
                .conditionExpression("x > 10")
                .serviceTask("high", t -> t.zeebeJobType(id + "-high"))
                .endEvent()
                .moveToNode("which")
                .conditionExpression("x > 5")
                .serviceTask("mid", t -> t.zeebeJobType(id + "-mid"))
                .endEvent()
                .done());
        return id;
    }

    @Test
    void firstTrueConditionInXmlOrderWins() {
        String id = decision(uniqueId("xor-first"));
        start(id, Map.of("x", 20));
        assertThat(jobs(id + "-high")).hasSize(1);
        assertThat(jobs(id + "-mid")).isEmpty();
    }

    @Test
    void defaultFlowWhenNoConditionHolds() {
        String id = decision(uniqueId("xor-default"));
        start(id, Map.of("x", 1));
        assertThat(jobs(id + "-low")).hasSize(1);
    }

    @Test
    void noTrueConditionAndNoDefaultIsAConditionIncidentThatResolvesAfterFixingVariables() {
        String id = uniqueId("xor-incident");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .exclusiveGateway("which")
                .conditionExpression("x > 10")
                .serviceTask("high", t -> t.zeebeJobType(id))
                .endEvent()
                .moveToNode("which")
                .conditionExpression("x < 0")
                .endEvent()
                .done());
        long instance = start(id, Map.of("x", 5)).getProcessInstanceKey();
        Incident incident = incidentOf(instance);
        assertThat(incident.getErrorType().name()).isEqualTo("CONDITION_ERROR");
        assertThat(incident.getElementId()).isEqualTo("which");
        client.newSetVariablesCommand(instance)
                .variables(Map.of("x", 50))
                .send()
                .join();
        client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
        assertThat(jobs(id)).hasSize(1);
    }

    @Test
    void nullConditionIsAnExtractValueIncident() {
        String id = uniqueId("xor-null");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .exclusiveGateway("which")
                .defaultFlow()
                .endEvent()
                .moveToNode("which")
                .conditionExpression("missing > 5")
                .endEvent()
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        Incident incident = incidentOf(instance);
        assertThat(incident.getErrorType().name()).isEqualTo("EXTRACT_VALUE_ERROR");
        assertThat(incident.getErrorMessage()).contains("BOOLEAN").contains("NULL");
    }

    @Test
    void parallelJoinWaitsForEveryBranch() {
        String id = uniqueId("and");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("a", t -> t.zeebeJobType(id + "-a"))
                .parallelGateway("join")
                .serviceTask("after", t -> t.zeebeJobType(id + "-after"))
                .endEvent()
                .moveToNode("fork")
                .serviceTask("b", t -> t.zeebeJobType(id + "-b"))
                .connectTo("join")
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        client.newCompleteCommand(jobs(id + "-a").get(0))
                .variables(Map.of("a", 1))
                .send()
                .join();
        assertThat(jobs(id + "-after")).isEmpty();
        client.newCompleteCommand(jobs(id + "-b").get(0))
                .variables(Map.of("b", 2))
                .send()
                .join();
        List<ActivatedJob> after = jobs(id + "-after");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).getVariablesAsMap()).containsEntry("a", 1).containsEntry("b", 2);
        client.newCompleteCommand(after.get(0)).send().join();
        awaitCompleted(instance);
    }

    @Test
    void inclusiveGatewayTakesEveryTrueBranch() {
        String id = uniqueId("or");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .inclusiveGateway("split")
                .defaultFlow()
                .serviceTask("none", t -> t.zeebeJobType(id + "-none"))
                .endEvent()
                .moveToNode("split")
                .conditionExpression("a")
                .serviceTask("ta", t -> t.zeebeJobType(id + "-a"))
                .endEvent()
                .moveToNode("split")
                .conditionExpression("b")
                .serviceTask("tb", t -> t.zeebeJobType(id + "-b"))
                .endEvent()
                .done());
        start(id, Map.of("a", true, "b", true));
        assertThat(jobs(id + "-a")).hasSize(1);
        assertThat(jobs(id + "-b")).hasSize(1);
        assertThat(jobs(id + "-none")).isEmpty();
    }

    @Test
    void scriptTaskResultFeedsAGateway() {
        String id = uniqueId("script");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .scriptTask(
                        "compute",
                        s -> s.zeebeExpression("string length(name) * 2").zeebeResultVariable("score"))
                .exclusiveGateway("g")
                .defaultFlow()
                .endEvent()
                .moveToNode("g")
                .conditionExpression("score >= 10")
                .serviceTask("big", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        start(id, Map.of("name", "firmware"));
        List<ActivatedJob> big = jobs(id);
        assertThat(big).hasSize(1);
        assertThat(big.get(0).getVariablesAsMap()).containsEntry("score", 16);
    }

    @Test
    void concurrentCompletionsOfParallelBranchesAllArriveAtTheJoin() throws Exception {
        String id = uniqueId("and-concurrent");
        var builder = Bpmn.createExecutableProcess(id).startEvent().parallelGateway("fork");
        builder.serviceTask("b0", t -> t.zeebeJobType(id))
                .parallelGateway("join")
                .endEvent();
        for (int i = 1; i < 5; i++) {
            builder.moveToNode("fork")
                    .serviceTask("b" + i, t -> t.zeebeJobType(id))
                    .connectTo("join");
        }
        deploy(builder.done());
        List<Long> instances = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            instances.add(start(id, Map.of()).getProcessInstanceKey());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<ActivatedJob> all = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                all.addAll(client.newActivateJobsCommand()
                        .jobType(id)
                        .maxJobsToActivate(100)
                        .requestTimeout(Duration.ofMillis(400))
                        .send()
                        .join()
                        .getJobs());
                return all.size() == 100;
            });
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (ActivatedJob job : all) {
                done.add(pool.submit(() -> client.newCompleteCommand(job)
                        .variables(Map.of(job.getElementId(), true))
                        .send()
                        .join()));
            }
            for (var f : done) f.get();
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.newProcessInstanceSearchRequest()
                                .filter(f -> f.processDefinitionId(id)
                                        .state(io.camunda.client.api.search.enums.ProcessInstanceState.COMPLETED))
                                .send()
                                .join()
                                .page()
                                .totalItems()
                        == instances.size());
    }

    protected List<ActivatedJob> jobs(String type) {
        return client.newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(10)
                .requestTimeout(Duration.ofMillis(400))
                .send()
                .join()
                .getJobs();
    }

    protected Incident incidentOf(long instance) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !client.newIncidentSearchRequest()
                        .filter(f -> f.processInstanceKey(instance))
                        .send()
                        .join()
                        .items()
                        .isEmpty());
        return client.newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items()
                .get(0);
    }

    protected void awaitCompleted(long instance) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.newProcessInstanceGetRequest(instance)
                        .send()
                        .join()
                        .getState()
                        .name()
                        .equals("COMPLETED"));
    }
}
