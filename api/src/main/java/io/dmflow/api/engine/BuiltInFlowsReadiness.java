package io.dmflow.api.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the engine holds every built-in flow: before that a task submitted (a read, a firmware update) would
 * fail to start its process. On a restart the flows are deployed again beside startup, so the HTTP port answers
 * before this is up.
 */
@Readiness
@ApplicationScoped
public class BuiltInFlowsReadiness implements HealthCheck {

    @Inject
    BuiltInFlows flows;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("built-in-flows")
                .status(flows.isDeployed())
                .build();
    }
}
