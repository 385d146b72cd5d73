package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Errors, sub-processes, call activities, multi-instance, variable scoping (see
 * docs/engine-rest-api.md, 'Variables' and 'Errors' to 'Call activities').
 */
@QuarkusTest
class ScopeTest extends ConformanceTest {

    private BpmnModelInstance taskWithErrorBoundaries(String id) {
        return Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("call", t -> t.zeebeJobType(id))
                .boundaryEvent("anyError")
                .error()
                .endEvent("caughtByAll")
                .moveToActivity("call")
                .boundaryEvent("downlink")
                .error("DOWNLINK_FAILURE")
                .endEvent("caughtByCode")
                .moveToActivity("call")
                .endEvent("done")
                .done();
    }

    @Test
    void errorIsCaughtByItsCodeBeforeTheCatchAll() {
        String id = uniqueId("error-code");
        deploy(taskWithErrorBoundaries(id));
        long instance = start(id, Map.of()).getProcessInstanceKey();
        ActivatedJob job = jobs(id, 3000).get(0);
        client.newThrowErrorCommand(job)
                .errorCode("DOWNLINK_FAILURE")
                .variables(Map.of("reason", "sleeping"))
                .send()
                .join();
        awaitState(instance, "COMPLETED");
        assertThat(completedElements(instance))
                .contains("downlink", "caughtByCode")
                .doesNotContain("caughtByAll");
        assertThat(rootVariable(instance, "reason")).isEqualTo("\"sleeping\"");
    }

    @Test
    void otherErrorCodesFallToTheCatchAll() {
        String id = uniqueId("error-any");
        deploy(taskWithErrorBoundaries(id));
        long instance = start(id, Map.of()).getProcessInstanceKey();
        client.newThrowErrorCommand(jobs(id, 3000).get(0))
                .errorCode("LWM2M_ERROR")
                .send()
                .join();
        awaitState(instance, "COMPLETED");
        assertThat(completedElements(instance)).contains("caughtByAll").doesNotContain("caughtByCode");
    }

    @Test
    void uncaughtErrorIsAnIncidentAndResolvingReEnablesTheJob() {
        String id = uniqueId("error-uncaught");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("call", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        client.newThrowErrorCommand(jobs(id, 3000).get(0))
                .errorCode("NOPE")
                .send()
                .join();
        var incident = client.newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items()
                .get(0);
        assertThat(incident.getErrorType().name()).isEqualTo("UNHANDLED_ERROR_EVENT");
        client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
        client.newCompleteCommand(jobs(id, 3000).get(0)).send().join();
        awaitState(instance, "COMPLETED");
    }

    @Test
    void errorEndEventInACalledProcessIsCaughtByTheCallActivitysBoundary() {
        String child = uniqueId("child-fails");
        String parent = uniqueId("parent-catches");
        deploy(Bpmn.createExecutableProcess(child)
                .startEvent()
                .endEvent("fail", e -> e.error("DEVICE_GONE"))
                .done());
        deploy(Bpmn.createExecutableProcess(parent)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(child))
                .boundaryEvent("gone")
                .error("DEVICE_GONE")
                .endEvent("handled")
                .moveToActivity("call")
                .endEvent("normal")
                .done());
        long instance = start(parent, Map.of()).getProcessInstanceKey();
        awaitState(instance, "COMPLETED");
        assertThat(completedElements(instance)).contains("handled").doesNotContain("normal");
    }

    @Test
    void callActivityPassesVariablesInAndOut() {
        String child = uniqueId("child");
        String parent = uniqueId("parent");
        deploy(Bpmn.createExecutableProcess(child)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(child))
                .endEvent()
                .done());
        deploy(Bpmn.createExecutableProcess(parent)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(child))
                .serviceTask("after", t -> t.zeebeJobType(parent))
                .endEvent()
                .done());
        long instance = start(parent, Map.of("endpoint", "dev-9")).getProcessInstanceKey();
        ActivatedJob work = jobs(child, 3000).get(0);
        assertThat(work.getVariablesAsMap()).containsEntry("endpoint", "dev-9");
        var hierarchy = client.newProcessInstanceGetCallHierarchyRequest(work.getProcessInstanceKey())
                .send()
                .join();
        assertThat(hierarchy)
                .extracting(e -> e.getProcessInstanceKey())
                .contains(instance, work.getProcessInstanceKey());
        assertThat(work.getProcessInstanceKey()).isNotEqualTo(instance);
        assertThatThrownBy(() -> client.newCancelInstanceCommand(work.getProcessInstanceKey())
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(409));
        client.newCompleteCommand(work)
                .variables(Map.of("firmware", "1.2"))
                .send()
                .join();
        ActivatedJob after = jobs(parent, 3000).get(0);
        assertThat(after.getVariablesAsMap()).containsEntry("firmware", "1.2");
    }

    @Test
    void aCallActivityThatPropagatesNothingStillMapsItsOutputsFromTheChild() {
        String child = uniqueId("child");
        String parent = uniqueId("parent");
        deploy(Bpmn.createExecutableProcess(child)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(child))
                .endEvent()
                .done());
        deploy(Bpmn.createExecutableProcess(parent)
                .startEvent()
                .callActivity(
                        "call",
                        c -> c.zeebeProcessId(child)
                                .zeebePropagateAllChildVariables(false)
                                .zeebeOutputExpression("firmware", "version"))
                .serviceTask("after", t -> t.zeebeJobType(parent))
                .endEvent()
                .done());
        start(parent, Map.of("endpoint", "dev-10"));
        client.newCompleteCommand(jobs(child, 3000).get(0))
                .variables(Map.of("firmware", "1.3", "other", "x"))
                .send()
                .join();
        ActivatedJob after = jobs(parent, 3000).get(0);
        assertThat(after.getVariablesAsMap()).containsEntry("version", "1.3").doesNotContainKeys("firmware", "other");
    }

    @Test
    void subProcessLocalsStayInsideUnlessMapped() {
        String id = uniqueId("subprocess");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .subProcess(
                        "scope",
                        s -> s.zeebeInputExpression("=1", "attempt").zeebeOutputExpression("=attempt + 1", "attempts"))
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("inner", t -> t.zeebeJobType(id + "-inner"))
                .endEvent()
                .subProcessDone()
                .serviceTask("outer", t -> t.zeebeJobType(id + "-outer"))
                .endEvent()
                .done());
        start(id, Map.of());
        ActivatedJob inner = jobs(id + "-inner", 3000).get(0);
        assertThat(inner.getVariablesAsMap()).containsEntry("attempt", 1);
        client.newCompleteCommand(inner).send().join();
        ActivatedJob outer = jobs(id + "-outer", 3000).get(0);
        assertThat(outer.getVariablesAsMap()).containsEntry("attempts", 2).doesNotContainKey("attempt");
    }

    @Test
    void inputAndOutputMappingsOnATask() {
        String id = uniqueId("mappings");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "read",
                        t -> t.zeebeJobType(id)
                                .zeebeInputExpression("device.endpoint", "endpoint")
                                .zeebeInput("/3/0/0", "key")
                                .zeebeOutputExpression("value", "manufacturer"))
                .serviceTask("next", t -> t.zeebeJobType(id + "-next"))
                .endEvent()
                .done());
        start(id, Map.of("device", Map.of("endpoint", "urn:imei:1")));
        ActivatedJob read = jobs(id, 3000).get(0);
        assertThat(read.getVariablesAsMap())
                .containsEntry("endpoint", "urn:imei:1")
                .containsEntry("key", "/3/0/0");
        client.newCompleteCommand(read)
                .variables(Map.of("value", "ACME", "noise", 1))
                .send()
                .join();
        ActivatedJob next = jobs(id + "-next", 3000).get(0);
        assertThat(next.getVariablesAsMap())
                .containsEntry("manufacturer", "ACME")
                .doesNotContainKeys("noise", "value", "endpoint", "key");
    }

    @Test
    void parallelMultiInstanceCollectsOutputInInputOrder() throws Exception {
        String id = uniqueId("mi-parallel");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.parallel()
                                        .zeebeInputCollectionExpression("devices")
                                        .zeebeInputElement("device")
                                        .zeebeOutputCollection("results")
                                        .zeebeOutputElementExpression("result")))
                .endEvent()
                .done());
        // The first element's job is completed last, once the other two are: the collection must still follow the
        // input order, not the order of completion.
        AtomicReference<ActivatedJob> first = new AtomicReference<>();
        AtomicInteger othersCompleted = new AtomicInteger();
        try (JobWorker worker = client.newWorker()
                .jobType(id)
                .handler((c, job) -> {
                    String device = (String) job.getVariablesAsMap().get("device");
                    if (device.equals("a")) {
                        first.set(job);
                        return;
                    }
                    c.newCompleteCommand(job)
                            .variables(Map.of("result", device.toUpperCase()))
                            .send()
                            .join();
                    othersCompleted.incrementAndGet();
                })
                .maxJobsActive(3)
                .open()) {
            var pending = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("devices", List.of("a", "b", "c")))
                    .withResult()
                    .send();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.get() != null && othersCompleted.get() == 2);
            client.newCompleteCommand(first.get())
                    .variables(Map.of("result", "A"))
                    .send()
                    .join();
            ProcessInstanceResult result = pending.join();
            assertThat(result.getVariablesAsMap()).containsEntry("results", List.of("A", "B", "C"));
        }
    }

    @Test
    void sequentialMultiInstanceRunsOneAfterTheOther() {
        String id = uniqueId("mi-sequential");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.sequential()
                                        .zeebeInputCollectionExpression("items")
                                        .zeebeInputElement("item")))
                .endEvent()
                .done());
        long instance = start(id, Map.of("items", List.of(1, 2))).getProcessInstanceKey();
        List<ActivatedJob> first = jobs(id, 3000);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getVariablesAsMap()).containsEntry("item", 1).containsEntry("loopCounter", 1);
        client.newCompleteCommand(first.get(0)).send().join();
        List<ActivatedJob> second = jobs(id, 3000);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).getVariablesAsMap()).containsEntry("item", 2);
        client.newCompleteCommand(second.get(0)).send().join();
        awaitState(instance, "COMPLETED");
    }

    @Test
    void nonInterruptingMessageEventSubprocessRunsBesideTheFlow() {
        String id = uniqueId("esp");
        BpmnModelInstance model = Bpmn.createExecutableProcess(id)
                .eventSubProcess(
                        "onUpdate",
                        e -> e.startEvent("updated")
                                .interrupting(false)
                                .message(m -> m.name(id + "-update").zeebeCorrelationKeyExpression("endpoint"))
                                .serviceTask("notify", t -> t.zeebeJobType(id + "-notify"))
                                .endEvent())
                .startEvent()
                .serviceTask("main", t -> t.zeebeJobType(id + "-main"))
                .endEvent()
                .done();
        deploy(model);
        long instance = start(id, Map.of("endpoint", "e1")).getProcessInstanceKey();
        client.newPublishMessageCommand()
                .messageName(id + "-update")
                .correlationKey("e1")
                .send()
                .join();
        client.newCompleteCommand(jobs(id + "-notify", 3000).get(0)).send().join();
        client.newCompleteCommand(jobs(id + "-main", 3000).get(0)).send().join();
        awaitState(instance, "COMPLETED");
    }

    @Test
    void errorEventSubprocessInterruptsTheScope() {
        String id = uniqueId("esp-error");
        deploy(Bpmn.createExecutableProcess(id)
                .eventSubProcess(
                        "onError", e -> e.startEvent("caught").error("BOOM").endEvent("cleanedUp"))
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("a", t -> t.zeebeJobType(id + "-a"))
                .endEvent()
                .moveToNode("fork")
                .serviceTask("b", t -> t.zeebeJobType(id + "-b"))
                .endEvent()
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        ActivatedJob b = jobs(id + "-b", 3000).get(0);
        client.newThrowErrorCommand(jobs(id + "-a", 3000).get(0))
                .errorCode("BOOM")
                .send()
                .join();
        awaitState(instance, "COMPLETED");
        assertThatThrownBy(() -> client.newCompleteCommand(b).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void terminateEndEventEndsTheOtherBranches() {
        String id = uniqueId("terminate");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("slow", t -> t.zeebeJobType(id))
                .endEvent()
                .moveToNode("fork")
                .endEvent("stop", e -> e.terminate())
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        awaitState(instance, "COMPLETED");
        assertThat(jobs(id, 300)).isEmpty();
    }

    @Test
    void setVariablesUpdatesWhereDefinedOrAtTheRoot() {
        String id = uniqueId("set-variables");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType(id).zeebeInputExpression("=0", "local"))
                .endEvent()
                .done());
        long instance = start(id, Map.of("global", 1)).getProcessInstanceKey();
        ActivatedJob job = jobs(id, 3000).get(0);
        client.newSetVariablesCommand(job.getElementInstanceKey())
                .variables(Map.of("local", 5, "fresh", true))
                .send()
                .join();
        client.newSetVariablesCommand(job.getElementInstanceKey())
                .variables(Map.of("onlyHere", 1))
                .local(true)
                .send()
                .join();
        assertThat(rootVariable(instance, "fresh")).isEqualTo("true");
        assertThat(rootVariable(instance, "local")).isNull();
        assertThat(rootVariable(instance, "onlyHere")).isNull();
    }

    @Test
    void unknownCalledProcessIsAnIncidentResolvedByDeployingIt() {
        String child = uniqueId("late-child");
        String parent = uniqueId("early-parent");
        deploy(Bpmn.createExecutableProcess(parent)
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(child))
                .endEvent()
                .done());
        long instance = start(parent, Map.of()).getProcessInstanceKey();
        var incident = client.newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items()
                .get(0);
        assertThat(incident.getErrorType().name()).isEqualTo("CALLED_ELEMENT_ERROR");
        deploy(Bpmn.createExecutableProcess(child).startEvent().endEvent().done());
        client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
        awaitState(instance, "COMPLETED");
    }

    @Test
    void emptyInputCollectionCompletesAtOnceWithAnEmptyOutput() {
        String id = uniqueId("mi-empty");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                        "each",
                        t -> t.zeebeJobType(id)
                                .multiInstance(m -> m.parallel()
                                        .zeebeInputCollectionExpression("items")
                                        .zeebeOutputCollection("out")
                                        .zeebeOutputElementExpression("x")))
                .endEvent()
                .done());
        ProcessInstanceResult result = client.newCreateInstanceCommand()
                .bpmnProcessId(id)
                .latestVersion()
                .variables(Map.of("items", List.of()))
                .withResult()
                .send()
                .join();
        assertThat(result.getVariablesAsMap()).containsEntry("out", List.of());
    }

    @Test
    void twoCatchesForTheSameErrorCodeAreRejectedAtDeployment() {
        String id = uniqueId("dup-error");
        BpmnModelInstance model = Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("call", t -> t.zeebeJobType(id))
                .boundaryEvent("one")
                .error("E")
                .endEvent()
                .moveToActivity("call")
                .boundaryEvent("two")
                .error("E")
                .endEvent()
                .moveToActivity("call")
                .endEvent()
                .done();
        assertThatThrownBy(() -> deploy(model))
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(400))
                .hasMessageContaining("call");
    }

    @Test
    void nonInterruptingMessageBoundaryKeepsTheTaskAndFiresEachTime() {
        String id = uniqueId("boundary-msg-non");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .boundaryEvent(
                        "progress",
                        b -> b.cancelActivity(false)
                                .message(m -> m.name(id + "-progress").zeebeCorrelationKeyExpression("key")))
                .serviceTask("log", t -> t.zeebeJobType(id + "-log"))
                .endEvent()
                .moveToActivity("work")
                .endEvent()
                .done());
        start(id, Map.of("key", "k"));
        client.newPublishMessageCommand()
                .messageName(id + "-progress")
                .correlationKey("k")
                .send()
                .join();
        client.newPublishMessageCommand()
                .messageName(id + "-progress")
                .correlationKey("k")
                .send()
                .join();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.newJobSearchRequest()
                                .filter(f -> f.type(id + "-log"))
                                .send()
                                .join()
                                .items()
                                .size()
                        == 2);
        assertThat(jobs(id + "-work", 2000)).hasSize(1);
    }

    @Test
    void anIncidentInsideASubProcessFlagsTheSubProcessAndTheInstance() {
        String id = uniqueId("incident-flags");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .subProcess("scope")
                .embeddedSubProcess()
                .startEvent()
                .serviceTask("inner", t -> t.zeebeJobType(id))
                .endEvent()
                .subProcessDone()
                .endEvent()
                .done());
        long instance = start(id, Map.of()).getProcessInstanceKey();
        client.newFailCommand(jobs(id, 3000).get(0)).retries(0).send().join();
        assertThat(client.newProcessInstanceGetRequest(instance).send().join().getHasIncident())
                .isTrue();
        var flagged = client.newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).hasIncident(true))
                .send()
                .join()
                .items();
        assertThat(flagged).extracting(e -> e.getElementId()).contains("scope", "inner");
    }

    private List<ActivatedJob> jobs(String type, long waitMs) {
        return client.newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(10)
                .requestTimeout(Duration.ofMillis(waitMs))
                .send()
                .join()
                .getJobs();
    }

    private void awaitState(long instance, String state) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.newProcessInstanceGetRequest(instance)
                        .send()
                        .join()
                        .getState()
                        .name()
                        .equals(state));
    }

    private List<String> completedElements(long instance) {
        return client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items()
                .stream()
                .filter(e -> e.getState().name().equals("COMPLETED"))
                .map(e -> e.getElementId())
                .toList();
    }

    private String rootVariable(long instance, String name) {
        return client
                .newVariableSearchRequest()
                .filter(f -> f.scopeKey(instance).name(name))
                .send()
                .join()
                .items()
                .stream()
                .findFirst()
                .map(v -> v.getValue())
                .orElse(null);
    }
}
