package io.dmflow.api.device;

import java.util.Collection;
import java.util.Map;

/**
 * The part of the data model cache the device pages show beside each device. The observation package keeps the cache
 * and implements this, as it sits above the devices it records values of.
 */
public interface LatestValues {

    /** The Device object's Firmware Version resource. */
    String FIRMWARE_VERSION = "/3/0/3";

    /**
     * The cached value of one path for each of the devices that has one, as raw JSON by endpoint: a page of devices in
     * one statement rather than one per device.
     */
    Map<String, String> latest(Collection<String> endpoints, String path);
}
