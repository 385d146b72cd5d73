package io.dmflow.simulator.fleet;

import io.dmflow.simulator.object.device.DeviceIdentity;
import io.dmflow.simulator.security.DeviceCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** How one simulated device is set up; the fleet builder derives one per device. */
record DeviceSettings(
        String endpoint,
        int index,
        URI serverUri, // null for a device that starts from its bootstrap server
        URI bootstrapUri, // null for a factory-configured device
        InetAddress bindAddress,
        Duration lifetime,
        boolean queueMode,
        Duration awakeTime,
        Set<SupportedObject> objects,
        Set<Integer> storedObjects, // object ids with an instance 0 that only stores what is written
        DeviceIdentity identity,
        Duration rebootDelay,
        Duration linkLatency,
        Duration requestTimeout,
        Duration registrationRetry,
        boolean retainPackageBytes,
        DeviceCredentials credentials) {}
