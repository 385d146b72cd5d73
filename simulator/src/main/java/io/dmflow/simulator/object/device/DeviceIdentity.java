package io.dmflow.simulator.object.device;

/** The fixed facts a device reports in Object 3. */
public record DeviceIdentity(String manufacturer, String modelNumber, String serialNumber, String firmwareVersion,
        String hardwareVersion, String softwareVersion, String deviceType) {

    public static DeviceIdentity simulated(String serialNumber) {
        return new DeviceIdentity("dmflow", "sim-1", serialNumber, "1.0.0", "hw-1", "sw-1.0.0", "simulated sensor");
    }

    public DeviceIdentity withFirmwareVersion(String version) {
        return new DeviceIdentity(manufacturer, modelNumber, serialNumber, version, hardwareVersion, softwareVersion,
                deviceType);
    }
}
