package io.dmflow.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.state.SqlSession;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The element instance lifecycle only moves forward: a second completion or a terminated element
 * waking up fails loudly instead of writing a state the instance cannot be in. These transitions
 * are held in memory until the transaction flushes, so no database takes part.
 */
class LifecycleTransitionTest {
    private static final ProcessInstance PROCESS =
            new ProcessInstance(1, 2, "order", 1, null, null, 1, "<default>", "[]");

    // no statement runs before flush(), which these tests never reach
    private final ElementInstanceState state = new ElementInstanceState(new SqlSession(null));

    @Test
    void anInstanceWalksActivatingActivatedCompletingCompleted() {
        ElementInstance task = state.create(10, PROCESS, "ship", BpmnElementType.SERVICE_TASK, null, 0, null);
        state.setLifecycle(task, Lifecycle.ACTIVATED, 1);
        state.setLifecycle(task, Lifecycle.COMPLETING, 2);
        state.setLifecycle(task, Lifecycle.COMPLETED, 3);
        assertThat(task.lifecycle()).isEqualTo(Lifecycle.COMPLETED);
        assertThat(task.isActive()).isFalse();
    }

    @Test
    void everyStateThatIsNotFinalMayBeTerminated() {
        for (Lifecycle from : EnumSet.of(Lifecycle.ACTIVATING, Lifecycle.ACTIVATED, Lifecycle.COMPLETING)) {
            assertThat(from.canBecome(Lifecycle.TERMINATED))
                    .as(from + " -> TERMINATED")
                    .isTrue();
        }
    }

    @Test
    void aCompletedInstanceCannotCompleteAgain() {
        ElementInstance task = completed(11);
        assertThatThrownBy(() -> state.setLifecycle(task, Lifecycle.COMPLETING, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Element instance 11 (SERVICE_TASK 'ship') cannot go from COMPLETED to COMPLETING; "
                        + "from COMPLETED it may only go to []");
        assertThat(task.lifecycle()).isEqualTo(Lifecycle.COMPLETED);
    }

    @Test
    void aTerminatedInstanceStaysTerminated() {
        ElementInstance task = state.create(12, PROCESS, "ship", BpmnElementType.SERVICE_TASK, null, 0, null);
        state.setLifecycle(task, Lifecycle.TERMINATED, 1);
        for (Lifecycle next : Lifecycle.values()) {
            assertThatThrownBy(() -> state.setLifecycle(task, next, 2))
                    .as("TERMINATED -> " + next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot go from TERMINATED to " + next);
        }
    }

    @Test
    void noStepIsSkipped() {
        ElementInstance task = state.create(13, PROCESS, "ship", BpmnElementType.SERVICE_TASK, null, 0, null);
        assertThatThrownBy(() -> state.setLifecycle(task, Lifecycle.COMPLETING, 1))
                .hasMessage("Element instance 13 (SERVICE_TASK 'ship') cannot go from ACTIVATING to COMPLETING; "
                        + "from ACTIVATING it may only go to [ACTIVATED, TERMINATED]");
        state.setLifecycle(task, Lifecycle.ACTIVATED, 1);
        assertThatThrownBy(() -> state.setLifecycle(task, Lifecycle.COMPLETED, 2))
                .hasMessageContaining("cannot go from ACTIVATED to COMPLETED");
        assertThatThrownBy(() -> state.setLifecycle(task, Lifecycle.ACTIVATED, 2))
                .hasMessageContaining("cannot go from ACTIVATED to ACTIVATED");
    }

    private ElementInstance completed(long key) {
        ElementInstance task = state.create(key, PROCESS, "ship", BpmnElementType.SERVICE_TASK, null, 0, null);
        state.setLifecycle(task, Lifecycle.ACTIVATED, 1);
        state.setLifecycle(task, Lifecycle.COMPLETING, 2);
        state.setLifecycle(task, Lifecycle.COMPLETED, 3);
        return task;
    }
}
