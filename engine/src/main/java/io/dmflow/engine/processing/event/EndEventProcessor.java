package io.dmflow.engine.processing.event;

import io.dmflow.engine.incident.IncidentStore.RetryStep;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.task.JobWorkerProcessor;
import java.util.Map;

/** None, terminate, error and message (job) end events. */
public final class EndEventProcessor implements BpmnElementProcessor {
    private final JobWorkerProcessor jobs;

    public EndEventProcessor(JobWorkerProcessor jobs) {
        this.jobs = jobs;
    }

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance instance = context.instance();
        switch (context.element().eventKind()) {
            case TERMINATE -> {
                for (ElementInstance sibling :
                        execution.tx().elementInstances().activeChildren(instance.flowScopeKey())) {
                    if (sibling.key() != instance.key()) {
                        execution.terminate(sibling);
                    }
                }
                execution.tx().joinArrivals().discard(instance.flowScopeKey());
                execution.complete(instance, Map.of());
            }
            case ERROR -> {
                String code = execution
                        .services()
                        .expressions()
                        .evaluateString(context.element().thrownErrorCode(), execution.visibleVariables(instance));
                if (!execution.errorEvents().throwError(instance, code, Map.of())) {
                    execution.raiseIncident(
                            instance,
                            "UNHANDLED_ERROR_EVENT",
                            "Expected to throw an error event with the code '" + code
                                    + "', but it was not caught. No error events are available in the scope.",
                            RetryStep.ACTIVATE,
                            null);
                }
            }
            case MESSAGE -> jobs.createJob(execution, context);
            default -> execution.complete(instance, Map.of());
        }
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        if (context.element().job() != null) {
            jobs.onTerminate(execution, context);
        }
    }
}
