package io.dmflow.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instances mid-flight (jobs activated but not completed, timers pending, messages buffered and
 * awaited), the engine process killed with SIGKILL, restarted on the same database: every
 * instance completes, none is lost. Run with {@code ./mvnw -f engine/pom.xml verify -Pcrash}.
 */
class EngineCrashIT {
    private static final int INSTANCES = 60;

    private EmbeddedPostgres postgres;
    private Process engine;

    @AfterEach
    void stop() throws Exception {
        if (engine != null) engine.destroyForcibly().waitFor();
        if (postgres != null) postgres.close();
    }

    @Test
    void everyInstanceCompletesAfterAKillAndARestart() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        int port = freePort();
        engine = startEngine(jdbcUrl, port);
        URI rest = URI.create("http://127.0.0.1:" + port);

        List<Long> instances = new ArrayList<>();
        try (CamundaClient client = client(rest)) {
            client.newDeployResourceCommand()
                    .addProcessModel(
                            Bpmn.createExecutableProcess("crash")
                                    .startEvent()
                                    .serviceTask("prepare", t -> t.zeebeJobType("crash-prepare"))
                                    .intermediateCatchEvent("pause", e -> e.timerWithDuration("PT2S"))
                                    .intermediateCatchEvent(
                                            "contact",
                                            e -> e.message(m ->
                                                    m.name("crash-contact").zeebeCorrelationKeyExpression("string(n)")))
                                    .serviceTask("finish", t -> t.zeebeJobType("crash-finish"))
                                    .endEvent()
                                    .done(),
                            "crash.bpmn")
                    .send()
                    .join();
            for (int n = 0; n < INSTANCES; n++) {
                instances.add(client.newCreateInstanceCommand()
                        .bpmnProcessId("crash")
                        .latestVersion()
                        .variables(Map.of("n", n))
                        .send()
                        .join()
                        .getProcessInstanceKey());
            }
            // half the instances get past the first task; the rest have their jobs activated, never completed
            List<ActivatedJob> prepared = client.newActivateJobsCommand()
                    .jobType("crash-prepare")
                    .maxJobsToActivate(INSTANCES)
                    .timeout(Duration.ofSeconds(5))
                    .send()
                    .join()
                    .getJobs();
            assertThat(prepared).hasSize(INSTANCES);
            for (int i = 0; i < INSTANCES / 2; i++) {
                client.newCompleteCommand(prepared.get(i)).send().join();
            }
            // messages for a third of the instances, buffered until their subscriptions open
            for (int n = 0; n < INSTANCES / 3; n++) {
                client.newPublishMessageCommand()
                        .messageName("crash-contact")
                        .correlationKey(Integer.toString(n))
                        .timeToLive(Duration.ofMinutes(10))
                        .send()
                        .join();
            }
        }

        engine.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no graceful stop
        engine = startEngine(jdbcUrl, port);

        try (CamundaClient client = client(rest);
                var prepare = client.newWorker()
                        .jobType("crash-prepare")
                        .handler((c, job) -> c.newCompleteCommand(job).send().join())
                        .timeout(Duration.ofSeconds(5))
                        .open();
                var finish = client.newWorker()
                        .jobType("crash-finish")
                        .handler((c, job) -> c.newCompleteCommand(job).send().join())
                        .open()) {
            for (int n = INSTANCES / 3; n < INSTANCES; n++) {
                client.newPublishMessageCommand()
                        .messageName("crash-contact")
                        .correlationKey(Integer.toString(n))
                        .timeToLive(Duration.ofMinutes(10))
                        .send()
                        .join();
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.newProcessInstanceSearchRequest()
                                    .filter(f -> f.processDefinitionId("crash")
                                            .state(io.camunda.client.api.search.enums.ProcessInstanceState.COMPLETED))
                                    .send()
                                    .join()
                                    .page()
                                    .totalItems()
                            == INSTANCES);
        }
    }

    private static CamundaClient client(URI rest) {
        return CamundaClient.newClientBuilder()
                .restAddress(rest)
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .build();
    }

    private static Process startEngine(String jdbcUrl, int port) throws Exception {
        String runner = System.getProperty("engine.runner", "target/quarkus-app/quarkus-run.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Dquarkus.http.port=" + port,
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                        "-Dquarkus.datasource.username=postgres",
                        "-Dquarkus.datasource.password=postgres",
                        "-jar",
                        runner)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/crash-engine-" + port + ".log"))
                .start();
        URI topology = URI.create("http://127.0.0.1:" + port + "/v2/topology");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    var connection =
                            (java.net.HttpURLConnection) topology.toURL().openConnection();
                    return connection.getResponseCode() == 200;
                });
        return process;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
