package io.dmflow.workers.job;

import java.util.Map;

/**
 * A job that declines its step before anything reaches the device, for a reason the flow models: it becomes the BPMN
 * error {@code errorCode} with {@code variables}, caught by the flow like a device's own refusal, and burns no retry.
 */
public final class JobRefusal extends RuntimeException {

    private final String errorCode;
    private final Map<String, Object> variables;

    public JobRefusal(String errorCode, String message, Map<String, Object> variables) {
        super(message);
        this.errorCode = errorCode;
        this.variables = Map.copyOf(variables);
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, Object> variables() {
        return variables;
    }
}
