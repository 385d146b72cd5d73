package io.dmflow.api.metrics;

import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.security.RefusalReason;
import io.dmflow.lwm2m.security.SecurityRefusals;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Metrics of the LwM2M servers: registrations and requests through the management server's listeners, and
 * {@code dmflow.security.refusals} by {@code server} and {@code reason}, read from the servers' own refusal counts.
 */
@ApplicationScoped
public class Lwm2mMetrics {

    /** Before the management server starts (priority 100): no registration may pass uncounted. */
    void register(
            @Observes @Priority(50) StartupEvent event,
            MeterRegistry registry,
            DeviceManagementServer server,
            BootstrapServer bootstrap) {
        server.addListener(new RegistrationCounters(registry));
        server.addRequestListener(new RequestTimers(registry));
        refusals(registry, "management", server.securityRefusals());
        refusals(registry, "bootstrap", bootstrap.securityRefusals());
    }

    private static void refusals(MeterRegistry registry, String server, SecurityRefusals refusals) {
        for (RefusalReason reason : RefusalReason.values()) {
            FunctionCounter.builder("dmflow.security.refusals", refusals, counted -> counted.count(reason))
                    .description("Devices turned away by DTLS or with 4.03 before they could register or bootstrap")
                    .tag("server", server)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
