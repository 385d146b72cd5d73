package io.dmflow.api.task;

import io.dmflow.contract.BuiltInProcess;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The built-in task types, named as operators know them, and the built-in flow each runs. */
public enum BuiltInTask {
    FIRMWARE_UPDATE("Lwm2mFirmwareUpdateTask", BuiltInProcess.FIRMWARE_UPDATE),
    OBSERVE("ObserveTask", BuiltInProcess.OBSERVE),
    EXECUTE("ExecuteTask", BuiltInProcess.EXECUTE),
    CANCEL_ALL_OBSERVES("cancelAllObserves", BuiltInProcess.CANCEL_ALL_OBSERVES),
    BEST_EFFORT_GET("Lwm2mBestEffortGetTask", BuiltInProcess.BEST_EFFORT_GET),
    SOFTWARE_MANAGEMENT("Lwm2mSoftwareManagementTask", BuiltInProcess.SOFTWARE_MANAGEMENT),
    SOFTWARE_ACTIVATION("Lwm2mSoftwareActivationTask", BuiltInProcess.SOFTWARE_ACTIVATION),
    BOOTSTRAP("Lwm2mBootstrapTask", BuiltInProcess.BOOTSTRAP),
    BOOTSTRAP_CONFIGURATION("Lwm2mBootstrapConfiguration", BuiltInProcess.BOOTSTRAP_CONFIGURATION),
    BACKUP("BackupTask", BuiltInProcess.BACKUP),
    RESTORE("RestoreTask", BuiltInProcess.RESTORE);

    private final String typeName;
    private final String processId;

    BuiltInTask(String typeName, String processId) {
        this.typeName = typeName;
        this.processId = processId;
    }

    public String typeName() {
        return typeName;
    }

    public String processId() {
        return processId;
    }

    /**
     * The device property that names a template to run instead of the built-in flow on that device
     * ({@code customBackupTask}, {@code customRestoreTask}), if the type has one.
     */
    public Optional<String> customTemplateProperty() {
        return switch (this) {
            case BACKUP -> Optional.of("customBackupTask");
            case RESTORE -> Optional.of("customRestoreTask");
            default -> Optional.empty();
        };
    }

    /** The task properties the type cannot run without: a task lacking one is refused when it is submitted. */
    public List<String> requiredProperties() {
        return switch (this) {
            case FIRMWARE_UPDATE -> List.of("resourceId");
            case EXECUTE, OBSERVE -> List.of("key");
            case SOFTWARE_MANAGEMENT -> List.of("operation");
            case SOFTWARE_ACTIVATION -> List.of("desiredState", "instanceId");
            default -> List.of();
        };
    }

    public static Optional<BuiltInTask> byTypeName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.typeName.equals(name))
                .findFirst();
    }
}
