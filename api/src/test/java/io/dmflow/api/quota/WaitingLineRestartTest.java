package io.dmflow.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.database.Sql;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.engine.WorkerConfig;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * A quota's waiting line outlives the process: a dmflow started again hands the next slot given back to the first
 * waiter at once, in the order they asked, instead of leaving it free until the waiters' fallback timers fire.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class WaitingLineRestartTest {

    @Inject
    PostgresQuotas running;

    @Inject
    Sql sql;

    @Inject
    Config config;

    @Inject
    EngineClient engine;

    @Inject
    WorkerConfig workers;

    @Test
    void aRestartedDmflowHandsTheNextFreeSlotToTheFirstWaiter() {
        String quota = "restart-" + UUID.randomUUID();
        assertThat(running.acquire(quota, 1, "holder")).isTrue();
        assertThat(running.acquire(quota, 1, "first")).isFalse();
        assertThat(running.acquire(quota, 1, "second")).isFalse();

        PostgresQuotas restarted = startedAgain();
        assertThat(restarted.waiting(quota)).containsExactly("first", "second");

        restarted.release(quota, "holder");
        assertThat(restarted.holders(quota)).containsExactly("first");
        assertThat(restarted.waiting(quota)).containsExactly("second");

        assertThat(restarted.acquire(quota, 1, "newcomer"))
                .as("a newcomer does not overtake")
                .isFalse();
        restarted.release(quota, "first");
        assertThat(restarted.holders(quota)).containsExactly("second");
        assertThat(restarted.waiting(quota)).containsExactly("newcomer");
    }

    @Test
    void aWaiterThatEndedLosesItsPlaceInLine() {
        String quota = "ended-" + UUID.randomUUID();
        assertThat(running.acquire(quota, 1, "holder")).isTrue();
        assertThat(running.acquire(quota, 1, "gone")).isFalse();
        assertThat(running.acquire(quota, 1, "next")).isFalse();

        running.releaseAll("gone");
        assertThat(startedAgain().waiting(quota)).containsExactly("next");
    }

    /** What a new process knows of the quotas: only what PostgreSQL kept. */
    private PostgresQuotas startedAgain() {
        PostgresQuotas quotas = new PostgresQuotas();
        quotas.sql = sql;
        quotas.config = config;
        quotas.engine = engine;
        quotas.workers = workers;
        return quotas;
    }
}
