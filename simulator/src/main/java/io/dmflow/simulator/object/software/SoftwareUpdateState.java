package io.dmflow.simulator.object.software;

/** Object 9 resource 7, Update State. */
public enum SoftwareUpdateState {
    INITIAL(0),
    DOWNLOAD_STARTED(1),
    DOWNLOADED(2),
    DELIVERED(3),
    INSTALLED(4);

    private final int code;

    SoftwareUpdateState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
