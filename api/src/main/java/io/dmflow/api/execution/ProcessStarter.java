package io.dmflow.api.execution;

import io.camunda.client.api.command.ProblemException;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.group.Groups;
import io.dmflow.api.observation.DeviceValues;
import io.dmflow.api.property.EffectiveProperties;
import io.dmflow.contract.StartVariable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Starts an execution's process instance with the variables every flow starts with. */
@ApplicationScoped
public class ProcessStarter {

    @Inject
    EngineClient engine;

    @Inject
    EffectiveProperties properties;

    @Inject
    Groups groups;

    @Inject
    DeviceValues values;

    @Inject
    ExecutionProcesses processes;

    /** Why an execution cannot start at all (not: the engine is away for now). */
    public static final class Unstartable extends RuntimeException {
        public Unstartable(String message) {
            super(message);
        }
    }

    public record Start(String executionId, String processId, Map<String, Object> variables) {}

    /** An instance the engine runs for the execution, found by its business id. */
    public record Running(String processId, long processInstanceKey) {}

    /** Resolves what the execution runs on its device and with which variables. */
    @Transactional(dontRollbackOn = Unstartable.class)
    public Start prepare(String executionId) {
        Execution execution = Execution.findById(executionId);
        Map<String, String> deviceProperties = properties.of(execution.endpoint);
        ExecutionProcesses.Chosen chosen = processes.of(execution.taskId, deviceProperties);

        Map<String, Object> device = new LinkedHashMap<>();
        device.put(StartVariable.DEVICE_ENDPOINT, execution.endpoint);
        device.put(StartVariable.DEVICE_ID, execution.endpoint);
        device.put(StartVariable.DEVICE_PROPERTIES, deviceProperties);
        device.put(StartVariable.DEVICE_GROUPS, groups.groupsOf(execution.endpoint));
        device.put(StartVariable.DEVICE_SOFTWARE_VERSION, softwareVersion(execution.endpoint));

        Map<String, Object> variables = new HashMap<>(chosen.variables());
        variables.put(StartVariable.DEVICE, device);
        variables.put(StartVariable.TASK, chosen.task());
        variables.put(StartVariable.EXECUTION, Map.of(StartVariable.EXECUTION_ID, execution.id));
        return new Start(execution.id, chosen.processId(), variables);
    }

    /**
     * Creates the process instance; answers its key. The execution's id is the instance's business id, so an
     * instance whose key was never recorded (a crash right after the engine created it) can be found again.
     */
    public long start(Start start) {
        try {
            return engine.client()
                    .newCreateInstanceCommand()
                    .bpmnProcessId(start.processId())
                    .latestVersion()
                    .variables(start.variables())
                    .businessId(start.executionId())
                    .send()
                    .join()
                    .getProcessInstanceKey();
        } catch (ProblemException e) {
            if (e.code() >= 400 && e.code() < 500) {
                throw new Unstartable("The workflow engine refused to start " + start.processId() + ": "
                        + (e.details() != null && e.details().getDetail() != null
                                ? e.details().getDetail()
                                : e.getMessage()));
            }
            throw e;
        }
    }

    /** The top-level instance the engine already runs (or ran) for the execution, if any. */
    public Optional<Running> running(String executionId) {
        return engine
                .client()
                .newProcessInstanceSearchRequest()
                .filter(filter ->
                        filter.businessId(executionId).parentProcessInstanceKey(parent -> parent.exists(false)))
                .send()
                .join()
                .items()
                .stream()
                .findFirst()
                .map(instance -> new Running(instance.getProcessDefinitionId(), instance.getProcessInstanceKey()));
    }

    private String softwareVersion(String endpoint) {
        return values.latest(endpoint, DeviceValues.FIRMWARE_VERSION)
                .map(Object::toString)
                .orElse("");
    }
}
