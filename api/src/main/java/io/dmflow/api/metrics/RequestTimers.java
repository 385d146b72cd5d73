package io.dmflow.api.metrics;

import io.dmflow.lwm2m.operation.RequestListener;
import io.dmflow.lwm2m.operation.RequestOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code dmflow.lwm2m.requests} by {@code operation} and {@code outcome}, with a latency histogram: every request
 * sent to a device, by flows, interactive operations and firmware delivery alike.
 */
final class RequestTimers implements RequestListener {

    private final MeterRegistry registry;

    RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ended(String endpoint, String operation, RequestOutcome outcome, Duration took) {
        // Micrometer keeps one timer per tag set and hands it back here: no map of our own is needed.
        Timer.builder("dmflow.lwm2m.requests")
                .description("LwM2M requests sent to devices, from leaving the device's queue to the answer")
                .tag("operation", operation)
                .tag("outcome", outcome.wireName())
                .publishPercentileHistogram()
                // Devices on cellular links answer in seconds; a block-wise firmware push can take minutes.
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(took);
    }
}
