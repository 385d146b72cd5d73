package io.dmflow.api.metrics;

import io.dmflow.api.execution.ExecutionEnded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Locale;

/** {@code dmflow.executions.ended} by {@code status}: executions this process saw end, counted once committed. */
@ApplicationScoped
public class ExecutionEndCounters {

    @Inject
    MeterRegistry registry;

    void onEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEnded ended) {
        Counter.builder("dmflow.executions.ended")
                .description("Executions that reached a final status")
                .tag("status", ended.status().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
