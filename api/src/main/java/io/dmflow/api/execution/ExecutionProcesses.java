package io.dmflow.api.execution;

import java.util.Map;

/**
 * Which process an execution runs, as its task decides: the task package answers it, so that scheduling, below
 * tasks, needs to know nothing of their kinds.
 */
public interface ExecutionProcesses {

    /**
     * @param processId the BPMN process id to start
     * @param task the {@code task} start variable (id, name, properties)
     * @param variables start variables of the task's own kind (a built-in flow's attributes, an operation's inputs)
     */
    record Chosen(String processId, Map<String, Object> task, Map<String, Object> variables) {}

    /**
     * @param deviceProperties the device's effective properties, which may name a custom template
     * @throws ProcessStarter.Unstartable when the task names what does not exist
     */
    Chosen of(String taskId, Map<String, String> deviceProperties);
}
