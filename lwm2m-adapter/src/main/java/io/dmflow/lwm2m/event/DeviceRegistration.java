package io.dmflow.lwm2m.event;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.registration.Registration;

/**
 * What the server knows of one device's current registration, detached from Leshan's types so that
 * upper layers can record it without depending on Leshan.
 *
 * @param supportedObjects object id to the object version the device announced
 */
public record DeviceRegistration(
        String endpoint,
        String registrationId,
        String lwm2mVersion,
        String binding,
        boolean queueMode,
        Map<Integer, String> supportedObjects,
        String address,
        long lifetimeSeconds,
        Instant registeredAt,
        Instant lastUpdateAt,
        Instant expiresAt) {

    public static DeviceRegistration of(Registration registration) {
        Map<Integer, String> objects = new TreeMap<>();
        for (Map.Entry<Integer, Version> entry :
                registration.getSupportedObject().entrySet()) {
            objects.put(entry.getKey(), entry.getValue().toString());
        }
        InetSocketAddress socket = registration.getSocketAddress();
        String address = socket == null ? null : socket.getHostString() + ":" + socket.getPort();
        return new DeviceRegistration(
                registration.getEndpoint(),
                registration.getId(),
                registration.getLwM2mVersion().toString(),
                BindingMode.toString(registration.getBindingMode()),
                registration.usesQueueMode(),
                Map.copyOf(objects),
                address,
                registration.getLifeTimeInSec(),
                registration.getRegistrationDate().toInstant(),
                registration.getLastUpdate().toInstant(),
                Instant.ofEpochMilli(registration.getExpirationTimeStamp()));
    }
}
