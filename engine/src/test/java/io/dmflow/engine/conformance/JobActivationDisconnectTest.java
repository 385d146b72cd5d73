package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.dmflow.engine.EmbeddedEngine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A job activation whose HTTP client went away must not take jobs with it: a parked long poll is
 * dropped when its connection closes, and jobs activated for a client that is gone before the
 * answer is written become activatable again at once, not at their job timeout (5 minutes here).
 */
@QuarkusTest
class JobActivationDisconnectTest extends ConformanceTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    EmbeddedEngine engine;

    @Inject
    DataSource dataSource;

    @Test
    void aLongPollWhoseClientDisconnectedDoesNotTakeTheNextJob() throws Exception {
        String type = uniqueId("gone-parked");
        deployOneTask(type);
        try (Socket gone = sendActivation(type)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> engine.activations().parkedCount(type) == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.activations().parkedCount(type) == 0);
        start(type, Map.of());
        assertAWorkerGetsTheJobPromptly(type);
    }

    @Test
    void jobsActivatedForAClientThatIsGoneBeforeTheAnswerAreGivenBack() throws Exception {
        String type = uniqueId("gone-unwritten");
        startOneTask(type);
        long abandonedBefore = engine.activations().abandonedCount();
        // Holding the job table makes the activation wait in the database until the client has gone,
        // so the job is activated for a connection that is already closed and cannot be written.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE engine.job IN EXCLUSIVE MODE");
            }
            try (Socket gone = sendActivation(type)) {
                await().atMost(Duration.ofSeconds(5)).until(this::activationWaitsOnTheLock);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> engine.activations().abandonedCount() > abandonedBefore);
            blocker.commit();
        }
        assertAWorkerGetsTheJobPromptly(type);
    }

    @Test
    void aJobDeliveredBeforeTheClientDisconnectsStaysWithIt() throws Exception {
        String type = uniqueId("gone-after");
        startOneTask(type);
        try (Socket delivered = sendActivation(type)) {
            // the whole answer has arrived: it was certainly written before the client disconnects
            assertThat(readAnswer(delivered)).startsWith("HTTP/1.1 200").contains("\"jobKey\"");
        }
        List<ActivatedJob> again = client.newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(1)
                .timeout(JOB_TIMEOUT)
                .requestTimeout(Duration.ofMillis(1000))
                .send()
                .join()
                .getJobs();
        assertThat(again)
                .as("a job that reached its worker is not handed out twice")
                .isEmpty();
    }

    private void deployOneTask(String type) {
        deploy(Bpmn.createExecutableProcess(type)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(type))
                .endEvent()
                .done());
    }

    private void startOneTask(String type) {
        deployOneTask(type);
        start(type, Map.of());
    }

    /** A raw long poll (one minute) that the test disconnects by closing the socket. */
    private Socket sendActivation(String type) throws IOException {
        Socket socket = new Socket(applicationUrl.getHost(), applicationUrl.getPort());
        byte[] body = ("{\"type\":\"" + type + "\",\"worker\":\"gone\",\"timeout\":" + JOB_TIMEOUT.toMillis()
                        + ",\"maxJobsToActivate\":1,\"requestTimeout\":60000}")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v2/jobs/activation HTTP/1.1\r\nHost: " + applicationUrl.getHost() + "\r\n"
                        + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static String readAnswer(Socket socket) throws IOException {
        var in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("answer ended in its head: %s", head).isNotNegative();
            head.append((char) b);
        }
        var length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(length.find()).as("answer without Content-Length: %s", head).isTrue();
        return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    private boolean activationWaitsOnTheLock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement query = connection.createStatement();
                var rows = query.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'UPDATE engine.job SET state = ''ACTIVATED''%'")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private void assertAWorkerGetsTheJobPromptly(String type) {
        List<Duration> received = new CopyOnWriteArrayList<>();
        long openedAt = System.nanoTime();
        try (JobWorker worker = client.newWorker()
                .jobType(type)
                .handler((c, job) -> received.add(Duration.ofNanos(System.nanoTime() - openedAt)))
                .timeout(JOB_TIMEOUT)
                .open()) {
            await().atMost(Duration.ofSeconds(2)).until(() -> !received.isEmpty());
        }
        assertThat(received.get(0)).isLessThan(Duration.ofSeconds(2));
    }
}
