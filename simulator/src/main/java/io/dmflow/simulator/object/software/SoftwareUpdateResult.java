package io.dmflow.simulator.object.software;

/** Object 9 resource 9, Update Result. */
public enum SoftwareUpdateResult {
    INITIAL(0),
    DOWNLOADING(1),
    INSTALLED(2),
    DOWNLOADED_VERIFIED(3),
    NOT_ENOUGH_STORAGE(50),
    OUT_OF_MEMORY(51),
    CONNECTION_LOST(52),
    INTEGRITY_CHECK_FAILURE(53),
    UNSUPPORTED_PACKAGE_TYPE(54),
    INVALID_URI(56),
    DEVICE_DEFINED_ERROR(57),
    INSTALLATION_FAILURE(58),
    UNINSTALLATION_FAILURE(59);

    private final int code;

    SoftwareUpdateResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
