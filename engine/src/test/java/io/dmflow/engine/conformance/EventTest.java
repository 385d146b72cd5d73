package io.dmflow.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages, timers and boundary events (see docs/engine-rest-api.md, 'Messages' and 'Timers'). */
@QuarkusTest
class EventTest extends ConformanceTest {

    @AfterEach
    void releaseClock() {
        client.newResetClockCommand().send().join();
    }

    private String waitForMessage(String id) {
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent(
                        "wait", e -> e.message(m -> m.name(id + "-contact").zeebeCorrelationKeyExpression("endpoint")))
                .serviceTask("next", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        return id;
    }

    @Test
    void publishedMessageCompletesTheWaitingCatchEventWithItsVariables() {
        String id = waitForMessage(uniqueId("msg"));
        start(id, Map.of("endpoint", "dev-1"));
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("dev-1")
                .variables(Map.of("payload", "hello"))
                .send()
                .join();
        List<ActivatedJob> next = jobs(id, 3000);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).getVariablesAsMap()).containsEntry("payload", "hello");
    }

    @Test
    void messageWithTimeToLiveIsBufferedUntilASubscriptionOpens() {
        String id = waitForMessage(uniqueId("buffer"));
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("dev-2")
                .timeToLive(Duration.ofMinutes(5))
                .variables(Map.of("early", true))
                .send()
                .join();
        start(id, Map.of("endpoint", "dev-2"));
        List<ActivatedJob> next = jobs(id, 3000);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).getVariablesAsMap()).containsEntry("early", true);
    }

    @Test
    void messageWithoutTimeToLiveIsNotBuffered() {
        String id = waitForMessage(uniqueId("no-buffer"));
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("dev-3")
                .timeToLive(Duration.ZERO)
                .send()
                .join();
        start(id, Map.of("endpoint", "dev-3"));
        assertThat(jobs(id, 500)).isEmpty();
    }

    @Test
    void expiredMessageIsNotCorrelated() {
        String id = waitForMessage(uniqueId("expired"));
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("dev-4")
                .timeToLive(Duration.ofSeconds(30))
                .send()
                .join();
        client.newPinClockCommand().time(now.plusSeconds(31)).send().join();
        start(id, Map.of("endpoint", "dev-4"));
        assertThat(jobs(id, 500)).isEmpty();
    }

    @Test
    void duplicateMessageIdIsRejectedWhileBuffered() {
        String name = uniqueId("dup");
        client.newPublishMessageCommand()
                .messageName(name)
                .correlationKey("k")
                .messageId("m-1")
                .timeToLive(Duration.ofMinutes(1))
                .send()
                .join();
        assertThatThrownBy(() -> client.newPublishMessageCommand()
                        .messageName(name)
                        .correlationKey("k")
                        .messageId("m-1")
                        .timeToLive(Duration.ofMinutes(1))
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(409));
    }

    @Test
    void aMessageCorrelatesOnlyOncePerProcess() {
        String id = waitForMessage(uniqueId("once"));
        start(id, Map.of("endpoint", "same"));
        start(id, Map.of("endpoint", "same"));
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("same")
                .timeToLive(Duration.ofMinutes(1))
                .send()
                .join();
        assertThat(jobs(id, 1500)).hasSize(1);
    }

    @Test
    void correlateAnswersWithTheInstanceOr404() {
        String id = waitForMessage(uniqueId("correlate"));
        long instance = start(id, Map.of("endpoint", "dev-5")).getProcessInstanceKey();
        var response = client.newCorrelateMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("dev-5")
                .send()
                .join();
        assertThat(response.getProcessInstanceKey()).isEqualTo(instance);
        assertThatThrownBy(() -> client.newCorrelateMessageCommand()
                        .messageName(id + "-contact")
                        .correlationKey("nobody")
                        .send()
                        .join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void timerCatchEventFiresAtItsDueDateNeverBefore() {
        String id = uniqueId("timer");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1H"))
                .serviceTask("next", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        start(id, Map.of());
        client.newPinClockCommand()
                .time(now.plus(Duration.ofMinutes(59)))
                .send()
                .join();
        assertThat(jobs(id, 500)).isEmpty();
        client.newPinClockCommand()
                .time(now.plus(Duration.ofMinutes(61)))
                .send()
                .join();
        assertThat(jobs(id, 3000)).hasSize(1);
    }

    @Test
    void interruptingMessageBoundaryCancelsTheTask() {
        String id = uniqueId("boundary-msg");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .boundaryEvent(
                        "abort", b -> b.message(m -> m.name(id + "-abort").zeebeCorrelationKeyExpression("key")))
                .serviceTask("aborted", t -> t.zeebeJobType(id + "-aborted"))
                .endEvent()
                .moveToActivity("work")
                .endEvent()
                .done());
        start(id, Map.of("key", "k1"));
        ActivatedJob work = jobs(id + "-work", 3000).get(0);
        client.newPublishMessageCommand()
                .messageName(id + "-abort")
                .correlationKey("k1")
                .send()
                .join();
        assertThat(jobs(id + "-aborted", 3000)).hasSize(1);
        assertThatThrownBy(() -> client.newCompleteCommand(work).send().join())
                .satisfies(e -> assertThat(problemCode(e)).isEqualTo(404));
    }

    @Test
    void nonInterruptingTimerCycleBoundarySpawnsBranchesWhileTheTaskRuns() {
        String id = uniqueId("boundary-cycle");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .boundaryEvent("remind", b -> b.cancelActivity(false).timerWithCycle("R2/PT10M"))
                .serviceTask("reminder", t -> t.zeebeJobType(id + "-remind"))
                .endEvent()
                .moveToActivity("work")
                .endEvent()
                .done());
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        start(id, Map.of());
        client.newPinClockCommand()
                .time(now.plus(Duration.ofMinutes(11)))
                .send()
                .join();
        completeAll(jobs(id + "-remind", 3000), 1);
        client.newPinClockCommand()
                .time(now.plus(Duration.ofMinutes(21)))
                .send()
                .join();
        completeAll(jobs(id + "-remind", 3000), 1);
        client.newPinClockCommand()
                .time(now.plus(Duration.ofMinutes(31)))
                .send()
                .join();
        assertThat(jobs(id + "-remind", 600)).isEmpty();
        assertThat(jobs(id + "-work", 1000)).hasSize(1);
    }

    @Test
    void interruptingTimerBoundaryTerminatesTheTask() {
        String id = uniqueId("boundary-timer");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .boundaryEvent("late", b -> b.timerWithDuration("PT5M"))
                .endEvent("timedOut")
                .moveToActivity("work")
                .endEvent()
                .done());
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        long instance = start(id, Map.of()).getProcessInstanceKey();
        client.newPinClockCommand().time(now.plus(Duration.ofMinutes(6))).send().join();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.newProcessInstanceGetRequest(instance)
                        .send()
                        .join()
                        .getState()
                        .name()
                        .equals("COMPLETED"));
        assertThat(jobs(id + "-work", 300)).isEmpty();
    }

    @Test
    void receiveTaskWaitsForItsMessage() {
        String id = uniqueId("receive");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .receiveTask("ack")
                .message(m -> m.name(id + "-ack").zeebeCorrelationKeyExpression("string(n)"))
                .serviceTask("next", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        start(id, Map.of("n", 7));
        client.newPublishMessageCommand()
                .messageName(id + "-ack")
                .correlationKey("7")
                .send()
                .join();
        assertThat(jobs(id, 3000)).hasSize(1);
    }

    @Test
    void messageStartEventStartsOneInstancePerCorrelationKeyWhileItRuns() {
        String id = uniqueId("msg-start");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent("begin")
                .message(id + "-go")
                .serviceTask("work", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        var first = client.newPublishMessageCommand()
                .messageName(id + "-go")
                .correlationKey("dev-1")
                .variables(Map.of("origin", "message"))
                .send()
                .join();
        client.newPublishMessageCommand()
                .messageName(id + "-go")
                .correlationKey("dev-1")
                .send()
                .join();
        client.newPublishMessageCommand()
                .messageName(id + "-go")
                .correlationKey("dev-2")
                .send()
                .join();
        List<ActivatedJob> work = jobs(id, 3000);
        assertThat(work).hasSize(2);
        assertThat(work).anySatisfy(job -> assertThat(job.getVariablesAsMap()).containsEntry("origin", "message"));
        assertThat(first.getMessageKey()).isPositive();
    }

    @Test
    void eventBasedGatewayTakesTheFirstEventAndClosesTheOthers() {
        String id = uniqueId("race");
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent()
                .eventBasedGateway("wait")
                .intermediateCatchEvent(
                        "contact",
                        e -> e.message(m -> m.name(id + "-contact").zeebeCorrelationKeyExpression("endpoint")))
                .serviceTask("retry", t -> t.zeebeJobType(id + "-retry"))
                .endEvent()
                .moveToNode("wait")
                .intermediateCatchEvent("giveUp", e -> e.timerWithDuration("PT1H"))
                .serviceTask("expired", t -> t.zeebeJobType(id + "-expired"))
                .endEvent()
                .done());
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        start(id, Map.of("endpoint", "sleepy"));
        client.newPublishMessageCommand()
                .messageName(id + "-contact")
                .correlationKey("sleepy")
                .variables(Map.of("woke", true))
                .send()
                .join();
        List<ActivatedJob> retry = jobs(id + "-retry", 3000);
        assertThat(retry).hasSize(1);
        assertThat(retry.get(0).getVariablesAsMap()).containsEntry("woke", true);
        client.newPinClockCommand().time(now.plus(Duration.ofHours(2))).send().join();
        assertThat(jobs(id + "-expired", 600)).isEmpty();
    }

    @Test
    void timerStartCycleStartsInstancesUntilANewVersionTakesOver() {
        String id = uniqueId("timer-start");
        Instant now = Instant.now();
        client.newPinClockCommand().time(now).send().join();
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent("every")
                .timerWithCycle("R3/PT1M")
                .serviceTask("work", t -> t.zeebeJobType(id))
                .endEvent()
                .done());
        assertThat(jobs(id, 300)).isEmpty();
        client.newPinClockCommand()
                .time(now.plus(Duration.ofSeconds(61)))
                .send()
                .join();
        completeAll(jobs(id, 3000), 1);
        client.newPinClockCommand()
                .time(now.plus(Duration.ofSeconds(121)))
                .send()
                .join();
        completeAll(jobs(id, 3000), 1);
        deploy(Bpmn.createExecutableProcess(id)
                .startEvent("every")
                .timerWithCycle("R3/PT1M")
                .serviceTask("work", t -> t.zeebeJobType(id + "-v2"))
                .endEvent()
                .done());
        client.newPinClockCommand()
                .time(now.plus(Duration.ofSeconds(181)))
                .send()
                .join();
        assertThat(jobs(id, 600)).as("version 1 timers canceled by version 2").isEmpty();
    }

    private void completeAll(List<ActivatedJob> jobs, int expected) {
        assertThat(jobs).hasSize(expected);
        jobs.forEach(job -> client.newCompleteCommand(job).send().join());
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
}
