package io.dmflow.engine.deployment;

/** A deployed version of a BPMN process. */
public record ProcessDefinition(
        long key,
        String bpmnProcessId,
        int version,
        String versionTag,
        String name,
        String resourceName,
        String tenantId,
        long deploymentKey) {}
