package io.dmflow.engine.instance;

/** The facts of a process instance that do not change while it runs. */
public record ProcessInstance(
        long key,
        long processDefinitionKey,
        String bpmnProcessId,
        int version,
        Long parentProcessInstanceKey,
        Long parentElementInstanceKey,
        long rootProcessInstanceKey,
        String tenantId,
        String tagsJson) {}
