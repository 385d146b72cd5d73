package io.dmflow.template.expression;

import io.dmflow.contract.StartVariable;

/**
 * FEEL paths into the variables every execution starts with: what the compiled FEEL reads of
 * {@code device} and {@code task}.
 */
public final class StartVariablePaths {

    public static final String DEVICE_ENDPOINT = path(StartVariable.DEVICE, StartVariable.DEVICE_ENDPOINT);
    public static final String DEVICE_PROPERTIES = path(StartVariable.DEVICE, StartVariable.DEVICE_PROPERTIES);
    public static final String DEVICE_GROUPS = path(StartVariable.DEVICE, StartVariable.DEVICE_GROUPS);
    public static final String DEVICE_SOFTWARE_VERSION =
            path(StartVariable.DEVICE, StartVariable.DEVICE_SOFTWARE_VERSION);

    public static final String TASK_ID = path(StartVariable.TASK, StartVariable.TASK_ID);
    public static final String TASK_NAME = path(StartVariable.TASK, StartVariable.TASK_NAME);
    public static final String TASK_PROPERTIES = path(StartVariable.TASK, StartVariable.TASK_PROPERTIES);

    private StartVariablePaths() {}

    private static String path(String variable, String field) {
        return variable + "." + field;
    }
}
