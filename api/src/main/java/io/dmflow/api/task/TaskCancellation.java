package io.dmflow.api.task;

import io.camunda.client.api.command.ProblemException;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.execution.Execution;
import io.dmflow.api.execution.ExecutionHistory;
import io.dmflow.api.execution.SchedulingRequest;
import io.dmflow.api.execution.Trigger;
import io.dmflow.contract.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Cancels a task: its open executions end CANCELLED, and their process instances are cancelled in the engine. */
@ApplicationScoped
public class TaskCancellation {

    private static final Logger LOG = Logger.getLogger(TaskCancellation.class);

    @Inject
    ExecutionHistory history;

    @Inject
    EngineClient engine;

    @Inject
    Event<SchedulingRequest> scheduling;

    public int cancel(Task task) {
        List<Long> instances = markCancelled(task.id);
        for (Long key : instances) {
            try {
                engine.client().newCancelInstanceCommand(key).send().join();
            } catch (ProblemException e) {
                // Already ended in the engine: nothing left to cancel.
                LOG.debugf("Process instance %d was not cancelled: %s", key, e.getMessage());
            }
        }
        return instances.size();
    }

    @Transactional
    List<Long> markCancelled(String taskId) {
        Task task = Task.findById(taskId);
        task.state = Task.State.CANCELLED;
        task.cancelledAt = Instant.now();
        List<Long> instances = new ArrayList<>();
        List<Execution> open = Execution.list("taskId = ?1 and status in ?2", taskId, Execution.OPEN);
        for (Execution execution : open) {
            if (execution.processInstanceKey != null) {
                instances.add(execution.processInstanceKey);
            }
            history.change(execution, ExecutionStatus.CANCELLED, "task cancelled");
            scheduling.fire(new SchedulingRequest(execution.endpoint, Trigger.ENDED));
        }
        return instances;
    }
}
