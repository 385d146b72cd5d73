package io.dmflow.simulator.object.firmware;

/** Object 5 resource 3, State. */
public enum FirmwareState {
    IDLE(0),
    DOWNLOADING(1),
    DOWNLOADED(2),
    UPDATING(3);

    private final int code;

    FirmwareState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
