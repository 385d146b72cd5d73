package io.dmflow.simulator.fleet;

/** The objects a simulated device can expose besides Security (0), Server (1) and Device (3), which all have. */
public enum SupportedObject {
    CONNECTIVITY_MONITORING(4),
    FIRMWARE_UPDATE(5),
    LOCATION(6),
    SOFTWARE_MANAGEMENT(9),
    TEMPERATURE(3303);

    private final int objectId;

    SupportedObject(int objectId) {
        this.objectId = objectId;
    }

    public int objectId() {
        return objectId;
    }
}
