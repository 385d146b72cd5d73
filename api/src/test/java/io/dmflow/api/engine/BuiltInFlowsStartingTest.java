package io.dmflow.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.problem.ProblemException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A request that starts a built-in flow while dmflow starts: its HTTP port opens a moment before the flows are in
 * the engine, and a task submitted in that moment must not be refused as if it asked for something wrong.
 */
class BuiltInFlowsStartingTest {

    @Test
    void aRequestMadeBeforeTheFlowsAreDeployedWaitsForThem() throws Exception {
        BuiltInFlows flows = new BuiltInFlows();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            waiter.set(Thread.currentThread());
            flows.requireDeployed(Duration.ofMinutes(1));
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(request).isNotDone();

        flows.deployUntilTaken(List.of(), List.of());

        request.get(10, TimeUnit.SECONDS);
        assertThat(flows.isDeployed()).isTrue();
    }

    @Test
    void aRequestThatWaitedInVainIsToldDmflowIsStartingNotThatItAskedWrong() {
        BuiltInFlows flows = new BuiltInFlows();

        assertThatThrownBy(() -> flows.requireDeployed(Duration.ofMillis(50)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
                    assertThat(problem.title()).isEqualTo("dmflow is starting");
                    assertThat(problem.getMessage()).contains("built-in flows are not in the engine yet");
                    assertThat(problem.retryAfter()).contains(Duration.ofSeconds(5));
                });
    }

    @Test
    void onceDeployedARequestGoesOnAtOnce() {
        BuiltInFlows flows = new BuiltInFlows();
        flows.deployUntilTaken(List.of(), List.of());

        flows.requireDeployed(Duration.ZERO);
    }
}
