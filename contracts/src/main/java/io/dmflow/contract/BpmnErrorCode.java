package io.dmflow.contract;

/** BPMN error codes thrown by workers and by the flows themselves, and the variables that travel with them. */
public final class BpmnErrorCode {

    /** The device did not answer, sleeps (queue mode) or is not registered. Flows wait for its next contact. */
    public static final String DOWNLINK_FAILURE = "DOWNLINK_FAILURE";

    /** The device answered with an error code; the code's name is in {@link #LWM2M_STATUS_VARIABLE}. */
    public static final String LWM2M_ERROR = "LWM2M_ERROR";

    /**
     * dmflow refused a step on a key that is observed (nothing was sent): Write-Attributes on an observed key, which
     * needs the observation cancelled first, or an observe with {@code failIfExists}. The key is in
     * {@link #OBSERVED_KEY_VARIABLE}.
     */
    public static final String KEY_OBSERVED = "KEY_OBSERVED";

    /** The device did not come back within {@code task.properties.resumeTimeout}. */
    public static final String DEVICE_UNREACHABLE = "DEVICE_UNREACHABLE";

    /** A template's {@code finish} inside a loop: ends the task. */
    public static final String TASK_FINISHED = "TASK_FINISHED";

    /** Variable of an {@link #LWM2M_ERROR}: the LwM2M response code name, e.g. {@code NOT_FOUND}. */
    public static final String LWM2M_STATUS_VARIABLE = "lwm2mStatus";

    /**
     * Variable of an {@link #LWM2M_ERROR}: which device answered which request with what, for a person, e.g.
     * {@code Device d-1 answered Execute /5/0/2 with METHOD_NOT_ALLOWED (4.05)}.
     */
    public static final String LWM2M_MESSAGE_VARIABLE = "lwm2mMessage";

    /** Variable of a {@link #KEY_OBSERVED}: the observed key as a path, e.g. {@code /3/0/9}. */
    public static final String OBSERVED_KEY_VARIABLE = "observedKey";

    private BpmnErrorCode() {}
}
