package io.dmflow.engine.processing.task;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.job.JobRecord;
import io.dmflow.engine.job.JobState;
import io.dmflow.engine.model.JobDefinition;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.transaction.EngineTransaction;
import java.util.Map;

/** Service, send, business-rule tasks and message throw events: the work is a job for a worker. */
public final class JobWorkerProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        createJob(execution, context);
    }

    public void createJob(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance instance = context.instance();
        JobDefinition definition = context.element().job();
        Map<String, Object> variables =
                definition.type().isFeel() || definition.retries().isFeel()
                        ? execution.visibleVariables(instance)
                        : Map.of();
        var expressions = execution.services().expressions();
        String type = expressions.evaluateString(definition.type(), variables);
        int retries = (int) expressions.evaluateLong(definition.retries(), variables);
        EngineTransaction tx = execution.tx();
        var pi = context.processInstance();
        tx.jobs()
                .create(
                        new JobRecord(
                                tx.newKey(),
                                type,
                                JobState.ACTIVATABLE,
                                retries,
                                null,
                                null,
                                instance.key(),
                                instance.elementId(),
                                instance.processInstanceKey(),
                                instance.rootProcessInstanceKey(),
                                instance.processDefinitionKey(),
                                instance.bpmnProcessId(),
                                pi.version(),
                                JsonValues.write(definition.headers()),
                                null,
                                instance.tenantId(),
                                instance.scopePath(),
                                pi.tagsJson()),
                        tx.now());
        tx.afterCommit(() -> execution.services().jobAvailability().jobsAvailable(type));
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        execution.tx().jobs().cancelFor(context.key(), execution.tx().now());
    }
}
