package io.dmflow.api.operation;

import io.dmflow.api.task.OperationVariables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** An operation task's start variables, as its {@link DeviceOperation} makes them. */
@ApplicationScoped
public class DeviceOperationVariables implements OperationVariables {

    @Override
    public Map<String, Object> of(String operationName, Map<String, String> properties) {
        return DeviceOperation.byName(operationName).orElseThrow().variables(properties);
    }
}
