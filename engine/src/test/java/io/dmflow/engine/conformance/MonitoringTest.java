package io.dmflow.engine.conformance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The search and get endpoints a monitoring page uses (see docs/engine-rest-api.md, 'Searches'),
 * and a few command edges.
 */
@QuarkusTest
class MonitoringTest extends ConformanceTest {

    @Test
    void searchesShowDefinitionsInstancesElementsVariablesAndJobs() {
        String id = uniqueId("monitor");
        long definitionKey = deploy(Bpmn.createExecutableProcess(id)
                .name("Monitored")
                .startEvent("start")
                .serviceTask("task", t -> t.zeebeJobType(id))
                .endEvent("end")
                .done());
        long instance = start(id, Map.of("device", Map.of("endpoint", "e-1"))).getProcessInstanceKey();

        var definition =
                client.newProcessDefinitionGetRequest(definitionKey).send().join();
        assertThat(definition.getName()).isEqualTo("Monitored");
        assertThat(definition.getVersion()).isEqualTo(1);
        assertThat(client.newProcessDefinitionGetXmlRequest(definitionKey)
                        .send()
                        .join())
                .contains(id);
        assertThat(client.newProcessDefinitionSearchRequest()
                        .filter(f -> f.processDefinitionId(id))
                        .send()
                        .join()
                        .items())
                .hasSize(1);

        var pi = client.newProcessInstanceGetRequest(instance).send().join();
        assertThat(pi.getState().name()).isEqualTo("ACTIVE");
        assertThat(pi.getProcessDefinitionId()).isEqualTo(id);

        var elements = client.newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items();
        assertThat(elements).extracting(e -> e.getElementId()).contains("start", "task");
        assertThat(elements)
                .filteredOn(e -> e.getElementId().equals("task"))
                .singleElement()
                .satisfies(e -> assertThat(e.getState().name()).isEqualTo("ACTIVE"));

        var variables = client.newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items();
        assertThat(variables).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("device");
            assertThat(v.getValue()).isEqualTo("{\"endpoint\":\"e-1\"}");
        });

        var jobs = client.newJobSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items();
        assertThat(jobs).singleElement().satisfies(j -> assertThat(j.getType()).isEqualTo(id));

        given().when()
                .get("/v2/process-instances/" + instance + "/statistics/element-instances")
                .then()
                .statusCode(200)
                .body(containsString("\"elementId\":\"task\""));
        given().when()
                .get("/v2/process-instances/" + instance + "/sequence-flows")
                .then()
                .statusCode(200);
    }

    @Test
    void messageSubscriptionsShowWhatAnInstanceWaitsFor() {
        String id = uniqueId("waiting");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent(
                        "contact",
                        e -> e.message(m -> m.name("device.contact").zeebeCorrelationKeyExpression("endpoint")))
                .endEvent()
                .done());
        long instance = start(id, Map.of("endpoint", "urn:dev:" + id)).getProcessInstanceKey();
        var subscriptions = client.newMessageSubscriptionSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items();
        assertThat(subscriptions).singleElement().satisfies(s -> {
            assertThat(s.getMessageName()).isEqualTo("device.contact");
            assertThat(s.getCorrelationKey()).isEqualTo("urn:dev:" + id);
            assertThat(s.getElementId()).isEqualTo("contact");
            assertThat(s.getMessageSubscriptionState().name()).isEqualTo("CREATED");
        });
    }

    @Test
    void processInstancesCanBeFoundByARootVariable() {
        String id = uniqueId("by-variable");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("t", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        long wanted = start(id, Map.of("endpoint", "urn:dev:a")).getProcessInstanceKey();
        start(id, Map.of("endpoint", "urn:dev:b"));
        var found = client.newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(id).variables(Map.of("endpoint", "\"urn:dev:a\"")))
                .send()
                .join()
                .items();
        assertThat(found).extracting(p -> p.getProcessInstanceKey()).containsExactly(wanted);
    }

    @Test
    void unknownKeysAreProblemDetails404() {
        given().when()
                .get("/v2/process-instances/123")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(containsString("NOT_FOUND"));
        given().contentType("application/json")
                .body("{\"signalName\":\"s\"}")
                .when()
                .post("/v2/signals/broadcast")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThatThrownBy(() -> client.newResolveIncidentCommand(42L).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void updateTimeoutSetsANewDeadlineFromNow() {
        String id = uniqueId("timeout-update");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("t", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        start(id, Map.of());
        ActivatedJob job = client.newActivateJobsCommand()
                .jobType(id)
                .maxJobsToActivate(1)
                .timeout(Duration.ofMillis(400))
                .send()
                .join()
                .getJobs()
                .get(0);
        client.newUpdateTimeoutCommand(job.getKey())
                .timeout(Duration.ofMinutes(5))
                .send()
                .join();
        List<ActivatedJob> again = client.newActivateJobsCommand()
                .jobType(id)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(900))
                .send()
                .join()
                .getJobs();
        assertThat(again).as("still locked by the first worker").isEmpty();
        assertThatThrownBy(() -> client.newUpdateRetriesCommand(job.getKey())
                        .retries(0)
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(400));
    }

    @Test
    void aDeploymentIsAtomic() {
        String good = uniqueId("atomic-good");
        String bad = uniqueId("atomic-bad");
        assertThatThrownBy(() -> client.newDeployResourceCommand()
                        .addProcessModel(
                                Bpmn.createExecutableProcess(good)
                                        .startEvent()
                                        .endEvent()
                                        .done(),
                                good + ".bpmn")
                        .addProcessModel(
                                Bpmn.createExecutableProcess(bad)
                                        .startEvent()
                                        .userTask("human")
                                        .endEvent()
                                        .done(),
                                bad + ".bpmn")
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(400));
        assertThatThrownBy(() -> start(good, Map.of()))
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void aResourceWithSeveralResourcesDeploysEach() {
        String a = uniqueId("multi-a");
        String b = uniqueId("multi-b");
        var deployment = client.newDeployResourceCommand()
                .addResourceString(
                        xml(Bpmn.createExecutableProcess(a)
                                .startEvent()
                                .endEvent()
                                .done()),
                        StandardCharsets.UTF_8,
                        a + ".bpmn")
                .addResourceString(
                        xml(Bpmn.createExecutableProcess(b)
                                .startEvent()
                                .endEvent()
                                .done()),
                        StandardCharsets.UTF_8,
                        b + ".bpmn")
                .send()
                .join();
        assertThat(deployment.getProcesses())
                .extracting(p -> p.getBpmnProcessId())
                .containsExactly(a, b);
    }
}
