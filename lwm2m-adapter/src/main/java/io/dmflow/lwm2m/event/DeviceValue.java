package io.dmflow.lwm2m.event;

import java.time.Instant;

/**
 * A value a device reported by itself, in a notification of an observation or in a Send.
 *
 * @param path the LwM2M path, e.g. {@code /3303/0/5700}
 * @param value the value in plain form (see {@code PlainValues})
 * @param at when the device measured it, or when it arrived if the device gave no time
 */
public record DeviceValue(String endpoint, String path, Object value, Instant at) {}
