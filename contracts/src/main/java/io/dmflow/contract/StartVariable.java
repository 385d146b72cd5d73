package io.dmflow.contract;

/**
 * Variables every execution's process instance starts with.
 * {@code device = {endpoint, id, properties, groups, softwareVersion}}, {@code task = {id, name, properties}},
 * {@code execution = {id}}.
 */
public final class StartVariable {

    public static final String DEVICE = "device";
    public static final String TASK = "task";
    public static final String EXECUTION = "execution";

    public static final String DEVICE_ENDPOINT = "endpoint";
    public static final String DEVICE_ID = "id";
    public static final String DEVICE_PROPERTIES = "properties";
    public static final String DEVICE_GROUPS = "groups";
    public static final String DEVICE_SOFTWARE_VERSION = "softwareVersion";

    public static final String TASK_ID = "id";
    public static final String TASK_NAME = "name";
    public static final String TASK_PROPERTIES = "properties";

    /** Task property: how long a flow waits for a device before {@code DEVICE_UNREACHABLE} (ISO-8601). */
    public static final String TASK_RESUME_TIMEOUT = "resumeTimeout";

    public static final String DEFAULT_RESUME_TIMEOUT = "P7D";

    public static final String EXECUTION_ID = "id";

    private StartVariable() {}
}
