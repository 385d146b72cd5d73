package io.dmflow.engine.processing;

import io.dmflow.engine.model.EventKind;

/** Intermediate throw events: none passes through, message is a job. */
final class ThrowEventProcessor implements BpmnElementProcessor {
  private final JobWorkerProcessor jobs;
  private final PassThroughProcessor passThrough;

  ThrowEventProcessor(JobWorkerProcessor jobs, PassThroughProcessor passThrough) {
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
