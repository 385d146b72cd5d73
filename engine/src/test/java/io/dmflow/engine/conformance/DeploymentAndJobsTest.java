package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentAndJobsTest extends ConformanceTest {

    private static BpmnModelInstance oneTask(String processId, String jobType) {
        return Bpmn.createExecutableProcess(processId)
                .startEvent("start")
                .serviceTask("task", t -> t.zeebeJobType(jobType))
                .endEvent("end")
                .done();
    }

    @Test
    void topologyReportsOneHealthyPartition() {
        var topology = client.newTopologyRequest().send().join();
        assertThat(topology.getBrokers()).isNotEmpty();
        assertThat(topology.getBrokers().get(0).getPartitions())
                .anySatisfy(p -> assertThat(p.isLeader()).isTrue());
    }

    @Test
    void sameBpmnTwiceCreatesNoNewVersionButAChangeDoes() {
        String id = uniqueId("versioning");
        String bpmn = xml(oneTask(id, "a"));
        DeploymentEvent first = client.newDeployResourceCommand()
                .addResourceString(bpmn, StandardCharsets.UTF_8, id + ".bpmn")
                .send()
                .join();
        DeploymentEvent again = client.newDeployResourceCommand()
                .addResourceString(bpmn, StandardCharsets.UTF_8, id + ".bpmn")
                .send()
                .join();
        DeploymentEvent changed = client.newDeployResourceCommand()
                .addProcessModel(oneTask(id, "b"), id + ".bpmn")
                .send()
                .join();
        assertThat(first.getProcesses().get(0).getVersion()).isEqualTo(1);
        assertThat(again.getProcesses().get(0).getVersion()).isEqualTo(1);
        assertThat(again.getProcesses().get(0).getProcessDefinitionKey())
                .isEqualTo(first.getProcesses().get(0).getProcessDefinitionKey());
        assertThat(changed.getProcesses().get(0).getVersion()).isEqualTo(2);
    }

    @Test
    void version1InstancesContinueOnVersion1() {
        String id = uniqueId("v1-continues");
        String typeV1 = id + "-v1";
        deploy(oneTask(id, typeV1));
        long instance = start(id, Map.of()).getProcessInstanceKey();
        deploy(oneTask(id, id + "-v2"));
        List<ActivatedJob> jobs = client.newActivateJobsCommand()
                .jobType(typeV1)
                .maxJobsToActivate(5)
                .send()
                .join()
                .getJobs();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(instance);
        assertThat(jobs.get(0).getProcessDefinitionVersion()).isEqualTo(1);
    }

    @Test
    void unsupportedElementIsRejectedNamingIt() {
        String id = uniqueId("unsupported");
        BpmnModelInstance model = Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("approve")
                .endEvent()
                .done();
        assertThatThrownBy(() -> client.newDeployResourceCommand()
                        .addProcessModel(model, id + ".bpmn")
                        .send()
                        .join())
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("approve");
    }

    @Test
    void invalidXmlIsRejectedWith400() {
        assertThatThrownBy(() -> client.newDeployResourceCommand()
                        .addResourceString("<definitions>nope", StandardCharsets.UTF_8, "broken.bpmn")
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(400));
    }

    @Test
    void unknownProcessIsNotFound() {
        assertThatThrownBy(() -> start(uniqueId("missing"), Map.of()))
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void workerCompletesServiceTasksAndVariablesFlowThrough() {
        String id = uniqueId("two-tasks");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("first", t -> t.zeebeJobType(id + "-first").zeebeTaskHeader("resource", "/3/0/0"))
                .serviceTask("second", t -> t.zeebeJobType(id + "-second"))
                .endEvent()
                .done());
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        try (JobWorker first = client.newWorker()
                        .jobType(id + "-first")
                        .handler((c, job) -> {
                            assertThat(job.getCustomHeaders()).containsEntry("resource", "/3/0/0");
                            c.newCompleteCommand(job)
                                    .variables(Map.of("fromFirst", 42))
                                    .send()
                                    .join();
                        })
                        .open();
                JobWorker second = client.newWorker()
                        .jobType(id + "-second")
                        .handler((c, job) -> {
                            seen.add(job.getVariablesAsMap());
                            c.newCompleteCommand(job)
                                    .variables(Map.of("done", true))
                                    .send()
                                    .join();
                        })
                        .open()) {
            ProcessInstanceResult result = client.newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(Map.of("device", "urn:dev:1"))
                    .withResult()
                    .send()
                    .join();
            assertThat(result.getVariablesAsMap())
                    .containsEntry("done", true)
                    .containsEntry("fromFirst", 42)
                    .containsEntry("device", "urn:dev:1");
            assertThat(seen).singleElement().satisfies(v -> assertThat(v).containsEntry("fromFirst", 42));
        }
    }

    @Test
    void longPollIsAnsweredWhenAJobAppears() {
        String id = uniqueId("long-poll");
        deploy(oneTask(id, id));
        var pending = client.newActivateJobsCommand()
                .jobType(id)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofSeconds(8))
                .send();
        // The long poll must already be parked when the job appears; the REST API gives no signal that it is.
        sleep(300);
        long created = System.nanoTime();
        start(id, Map.of());
        List<ActivatedJob> jobs = pending.join().getJobs();
        long waitedMs = (System.nanoTime() - created) / 1_000_000;
        assertThat(jobs).hasSize(1);
        assertThat(waitedMs).isLessThan(2000);
    }

    @Test
    void failedJobWithRetriesIsActivatedAgainAndWithoutRetriesRaisesAnIncidentThatResolves() {
        String id = uniqueId("retries");
        deploy(oneTask(id, id));
        long instance = start(id, Map.of()).getProcessInstanceKey();
        ActivatedJob job = activateOne(id);
        client.newFailCommand(job).retries(1).errorMessage("transient").send().join();
        ActivatedJob again = activateOne(id);
        assertThat(again.getKey()).isEqualTo(job.getKey());
        assertThat(again.getRetries()).isEqualTo(1);
        client.newFailCommand(again)
                .retries(0)
                .errorMessage("device on fire")
                .send()
                .join();
        var incidents = client.newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items();
        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.getErrorType().name()).isEqualTo("JOB_NO_RETRIES");
            assertThat(i.getErrorMessage()).isEqualTo("device on fire");
        });
        long incidentKey = incidents.get(0).getIncidentKey();
        assertThatThrownBy(() ->
                        client.newResolveIncidentCommand(incidentKey).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(409));
        client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
        client.newResolveIncidentCommand(incidentKey).send().join();
        ActivatedJob third = activateOne(id);
        client.newCompleteCommand(third).send().join();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.newProcessInstanceGetRequest(instance)
                        .send()
                        .join()
                        .getState()
                        .name()
                        .equals("COMPLETED"));
    }

    @Test
    void backOffDelaysTheNextActivation() {
        String id = uniqueId("backoff");
        deploy(oneTask(id, id));
        start(id, Map.of());
        ActivatedJob job = activateOne(id);
        long failedAt = System.currentTimeMillis();
        client.newFailCommand(job)
                .retries(2)
                .retryBackoff(Duration.ofMillis(700))
                .send()
                .join();
        ActivatedJob again = activateOne(id);
        assertThat(System.currentTimeMillis() - failedAt).isGreaterThanOrEqualTo(700);
        assertThat(again.getKey()).isEqualTo(job.getKey());
    }

    @Test
    void timedOutJobIsHandedOutAgainWithRetriesUnchanged() {
        String id = uniqueId("timeout");
        deploy(oneTask(id, id));
        start(id, Map.of());
        ActivatedJob job = client.newActivateJobsCommand()
                .jobType(id)
                .maxJobsToActivate(1)
                .timeout(Duration.ofMillis(300))
                .send()
                .join()
                .getJobs()
                .get(0);
        ActivatedJob again = activateOne(id);
        assertThat(again.getKey()).isEqualTo(job.getKey());
        assertThat(again.getRetries()).isEqualTo(job.getRetries());
        client.newCompleteCommand(job).send().join(); // the first worker may still complete
        assertThatThrownBy(() -> client.newCompleteCommand(again).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void cancelTerminatesTheInstanceAndItsJobs() {
        String id = uniqueId("cancel");
        deploy(oneTask(id, id));
        long instance = start(id, Map.of()).getProcessInstanceKey();
        ActivatedJob job = activateOne(id);
        client.newCancelInstanceCommand(instance).send().join();
        assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
        assertThatThrownBy(
                        () -> client.newCancelInstanceCommand(instance).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    private ActivatedJob activateOne(String type) {
        List<ActivatedJob> jobs = client.newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofSeconds(5))
                .send()
                .join()
                .getJobs();
        assertThat(jobs).as("a job of type " + type).hasSize(1);
        return jobs.get(0);
    }

    /** A pause where the engine offers no signal to wait for; each caller says why. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
