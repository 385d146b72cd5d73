package io.dmflow.engine.processing.task;

import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import java.util.HashMap;
import java.util.Map;

/** zeebe:script is evaluated in place; a script task with a task definition is a job like a service task. */
public final class ScriptTaskProcessor implements BpmnElementProcessor {
    private final JobWorkerProcessor jobs;

    public ScriptTaskProcessor(JobWorkerProcessor jobs) {
        this.jobs = jobs;
    }

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        var script = context.element().script();
        if (script == null) {
            jobs.createJob(execution, context);
            return;
        }
        Object result = execution
                .services()
                .expressions()
                .evaluate(script.expression(), execution.visibleVariables(context.instance()));
        Map<String, Object> variables = new HashMap<>();
        if (script.resultVariable() != null && !script.resultVariable().isBlank()) {
            variables.put(script.resultVariable(), result);
        }
        execution.complete(context.instance(), variables);
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        if (context.element().script() == null) {
            jobs.onTerminate(execution, context);
        }
    }
}
