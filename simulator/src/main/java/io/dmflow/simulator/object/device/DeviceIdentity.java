package io.dmflow.simulator.object.device;

/** The fixed facts a device reports in Object 3. */
public record DeviceIdentity(
        String manufacturer,
        String modelNumber,
        String serialNumber,
        String firmwareVersion,
        String hardwareVersion,
        String softwareVersion,
        String deviceType) {

    public DeviceIdentity withFirmwareVersion(String version) {
        return new DeviceIdentity(
                manufacturer, modelNumber, serialNumber, version, hardwareVersion, softwareVersion, deviceType);
    }
}
