package io.dmflow.engine.conformance;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.dmflow.engine.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the conformance suite: every test talks to the engine only through camunda-client-java
 * over REST. With -Ddmflow.conformance.target=camunda8 the same tests run against a Camunda 8
 * started by Testcontainers (see {@link Camunda8Target}); by default against this application.
 */
@QuarkusTestResource(PostgresTestResource.class)
public abstract class ConformanceTest {
    @TestHTTPResource("/")
    URL applicationUrl;

    protected CamundaClient client;

    @BeforeEach
    void openClient() {
        if (Camunda8Target.requested()) {
            Assumptions.assumeTrue(Camunda8Target.dockerAvailable(), "no Docker engine: the Camunda 8 run is skipped");
        }
        URI rest = Camunda8Target.requested() ? Camunda8Target.restAddress() : URI.create(applicationUrl.toString());
        client = CamundaClient.newClientBuilder()
                .restAddress(rest)
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** Process ids unique per test run: the suite may share a database (or a cluster) with earlier runs. */
    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected long deploy(BpmnModelInstance model) {
        String id = model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
                .iterator()
                .next()
                .getId();
        return client.newDeployResourceCommand()
                .addProcessModel(model, id + ".bpmn")
                .send()
                .join()
                .getProcesses()
                .get(0)
                .getProcessDefinitionKey();
    }

    protected ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand()
                .bpmnProcessId(processId)
                .latestVersion()
                .variables(variables)
                .send()
                .join();
    }

    /** The HTTP status of a rejected command. */
    protected static int problemCode(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof io.camunda.client.api.command.ProblemException)) t = t.getCause();
        if (t == null) {
            throw new AssertionError("expected a problem response, got " + e, e);
        }
        return ((io.camunda.client.api.command.ProblemException) t).code();
    }

    protected static String xml(BpmnModelInstance model) {
        return Bpmn.convertToString(model);
    }
}
