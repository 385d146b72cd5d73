package io.dmflow.api.operation;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.NotificationAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interactive operations of {@code /api/devices/{endpoint}/operations/{name}}: each runs the job type of the
 * same LwM2M operation inside the flow {@code dm-device-operation}. A task keeps its inputs as string properties;
 * {@link #variables} turns them into the job's inputs.
 */
public enum DeviceOperation {
    READ("read", JobType.LWM2M_READ, Set.of("key"), Set.of("contentFormat")),
    WRITE("write", JobType.LWM2M_WRITE, Set.of("key", "value"), Set.of("mode", "contentFormat")),
    EXECUTE("execute", JobType.LWM2M_EXECUTE, Set.of("key"), Set.of("arguments")),
    DISCOVER("discover", JobType.LWM2M_DISCOVER, Set.of("key"), Set.of()),
    OBSERVE("observe", JobType.LWM2M_OBSERVE, Set.of("key"), Set.of()),
    CANCEL_OBSERVATION("cancel-observation", JobType.LWM2M_CANCEL_OBSERVATION, Set.of("key"), Set.of("cancelType")),
    CANCEL_ALL_OBSERVATIONS("cancel-all-observations", JobType.LWM2M_CANCEL_ALL_OBSERVATIONS, Set.of(), Set.of()),
    WRITE_ATTRIBUTES("write-attributes", JobType.LWM2M_WRITE_ATTRIBUTES, Set.of("key"), NotificationAttributes.NAMES),
    CREATE("create", JobType.LWM2M_CREATE, Set.of("key"), Set.of(OperationRequest.VALUES)),
    DELETE("delete", JobType.LWM2M_DELETE, Set.of("key"), Set.of());

    /** The variable of {@code dm-device-operation} that names the job type to run. */
    static final String OPERATION_VARIABLE = "operation";

    private final String operationName;
    private final String jobType;
    private final Set<String> required;
    private final Set<String> optional;

    DeviceOperation(String operationName, String jobType, Set<String> required, Set<String> optional) {
        this.operationName = operationName;
        this.jobType = jobType;
        this.required = required;
        this.optional = optional;
    }

    /** The name in the URL path. */
    public String operationName() {
        return operationName;
    }

    public String jobType() {
        return jobType;
    }

    Set<String> required() {
        return required;
    }

    Set<String> optional() {
        return optional;
    }

    public static Optional<DeviceOperation> byName(String name) {
        return Arrays.stream(values())
                .filter(operation -> operation.operationName.equals(name))
                .findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(DeviceOperation::operationName).toList();
    }

    /** The process variables the operation's job reads, from the task's properties. */
    public Map<String, Object> variables(Map<String, String> properties) {
        Map<String, Object> variables = new HashMap<>();
        List<Map<String, Object>> attributes = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (this == WRITE_ATTRIBUTES && NotificationAttributes.NAMES.contains(name)) {
                attributes.add(Map.of("name", name, "value", value));
            } else if (this == CREATE && name.startsWith(OperationRequest.VALUES + ".")) {
                values.put(name.substring(OperationRequest.VALUES.length() + 1), value);
            } else {
                variables.put(name, value);
            }
        });
        if (this == WRITE_ATTRIBUTES) {
            variables.put("attributes", attributes);
        }
        if (this == CREATE) {
            variables.put(OperationRequest.VALUES, values);
        }
        variables.put(OPERATION_VARIABLE, jobType);
        return variables;
    }
}
