package io.dmflow.engine.processing.event;

import io.dmflow.engine.model.EventKind;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.task.JobWorkerProcessor;
import io.dmflow.engine.processing.task.PassThroughProcessor;

/** Intermediate throw events: none passes through, message is a job. */
public final class ThrowEventProcessor implements BpmnElementProcessor {
    private final JobWorkerProcessor jobs;
    private final PassThroughProcessor passThrough;

    public ThrowEventProcessor(JobWorkerProcessor jobs, PassThroughProcessor passThrough) {
        this.jobs = jobs;
        this.passThrough = passThrough;
    }

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        if (context.element().eventKind() == EventKind.MESSAGE) {
            jobs.createJob(execution, context);
        } else {
            passThrough.onActivate(execution, context);
        }
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        jobs.onTerminate(execution, context);
    }
}
