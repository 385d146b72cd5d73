package io.dmflow.api.lwm2m;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once devices can reach the LwM2M server on at least one of its endpoints; always, where it is disabled. */
@Readiness
@ApplicationScoped
public class Lwm2mServerReadiness implements HealthCheck {

    @Inject
    DeviceManagementServer server;

    @Inject
    Lwm2mServerConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("lwm2m-server");
        if (!config.enabled()) {
            return response.up().withData("enabled", false).build();
        }
        server.coapUri().ifPresent(uri -> response.withData("coap", uri.toString()));
        server.coapsUri().ifPresent(uri -> response.withData("coaps", uri.toString()));
        return response.status(server.isStarted()).build();
    }
}
