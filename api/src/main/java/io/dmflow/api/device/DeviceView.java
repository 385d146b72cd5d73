package io.dmflow.api.device;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device as the REST API shows it; supported objects in object id order. The firmware version is the device's
 * last reported Firmware Version (/3/0/3) from the data model cache, as JSON, or null while none was reported.
 */
public record DeviceView(
        String endpoint,
        DeviceState state,
        String registrationId,
        String lwm2mVersion,
        String binding,
        boolean queueMode,
        Map<Integer, String> supportedObjects,
        String address,
        Long lifetimeSeconds,
        Instant firstRegisteredAt,
        Instant lastRegisteredAt,
        Instant lastUpdatedAt,
        Instant lastContactAt,
        Instant registrationExpiresAt,
        @JsonRawValue String firmwareVersion) {

    static DeviceView of(Device device, String firmwareVersion) {
        return new DeviceView(
                device.endpoint,
                device.state,
                device.registrationId,
                device.lwm2mVersion,
                device.binding,
                device.queueMode,
                new TreeMap<>(device.supportedObjects),
                device.address,
                device.lifetimeSeconds,
                device.firstRegisteredAt,
                device.lastRegisteredAt,
                device.lastUpdatedAt,
                device.lastContactAt,
                device.registrationExpiresAt,
                firmwareVersion);
    }
}
