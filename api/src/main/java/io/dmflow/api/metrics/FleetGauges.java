package io.dmflow.api.metrics;

import io.dmflow.api.device.DeviceState;
import io.dmflow.api.execution.Execution;
import io.dmflow.contract.ExecutionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * {@code dmflow.devices} by {@code state} and {@code dmflow.executions} by {@code status}: read from PostgreSQL when
 * scraped, so that they are right whichever dmflow process sharing the database changed them.
 */
@ApplicationScoped
public class FleetGauges {

    // Held here: a gauge keeps only a weak reference to the object it reads.
    private CachedCounts<DeviceState> devices;
    private CachedCounts<ExecutionStatus> executions;

    void register(@Observes StartupEvent event, MeterRegistry registry, FleetCounts fleet, MetricsConfig config) {
        devices = new CachedCounts<>(fleet::devicesByState, config.countsMaxAge());
        for (DeviceState state : DeviceState.values()) {
            Gauge.builder("dmflow.devices", devices, counts -> counts.count(state))
                    .description("Devices known to dmflow, by whether they can be reached now")
                    .tag("state", state.wireName())
                    .register(registry);
        }
        executions = new CachedCounts<>(fleet::openExecutionsByStatus, config.countsMaxAge());
        for (ExecutionStatus status : Execution.OPEN) {
            Gauge.builder("dmflow.executions", executions, counts -> counts.count(status))
                    .description("Executions that have not ended, by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
