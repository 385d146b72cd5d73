package io.dmflow.api.observation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A value a device reported, as the REST API shows it. */
public record DeviceValueView(String path, @JsonRawValue String value, Instant observedAt) {
}
