package io.dmflow.api.observation;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** A value a device reported, as the REST API shows it. */
public record DeviceValueView(String path, @JsonRawValue String value, Instant observedAt) {}
