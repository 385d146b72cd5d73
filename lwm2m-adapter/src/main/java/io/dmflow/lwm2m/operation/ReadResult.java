package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.value.PlainValues;

/**
 * What a Read (or the first answer of an Observe) returned.
 *
 * @param path the LwM2M path read, e.g. {@code /3/0/0}
 * @param value the data in plain form; see {@link PlainValues}
 */
public record ReadResult(String path, Object value) {}
