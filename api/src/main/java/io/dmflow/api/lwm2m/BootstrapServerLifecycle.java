package io.dmflow.api.lwm2m;

import io.dmflow.api.bootstrap.BootstrapSessions;
import io.dmflow.api.bootstrap.PostgresBootstrapConfigurations;
import io.dmflow.api.bootstrap.StoredServer;
import io.dmflow.api.security.ServerKeys;
import io.dmflow.api.startup.CannotStart;
import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.bootstrap.BootstrapServerSettings;
import io.dmflow.lwm2m.bootstrap.CredentialProvisioning;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Creates the bootstrap server, starts it after the database and the management server are up, and stops it first
 * on shutdown (a device bootstrapped in the last instant then finds its management server still there).
 */
@ApplicationScoped
public class BootstrapServerLifecycle {

    private static final Logger LOG = Logger.getLogger(BootstrapServerLifecycle.class);

    @Produces
    @Singleton
    BootstrapServer bootstrapServer(
            BootstrapServerConfig config,
            PostgresBootstrapConfigurations configurations,
            @Named("bootstrap") CredentialStore credentials,
            DeviceSecurityStore managementSecurity,
            ServerKeys keys) {
        if (config.coap().portOr(BootstrapServerConfig.COAP_PORT) < 0
                && config.coaps().portOr(BootstrapServerConfig.COAPS_PORT) < 0) {
            throw new CannotStart("dmflow.bootstrap.coap.port and dmflow.bootstrap.coaps.port are both disabled "
                    + "(negative); enable at least one");
        }
        // "Provision credentials to the server": only for named servers that say so, i.e. dmflow's own.
        CredentialProvisioning provisioning = (endpoint, server, deviceCredentials) -> {
            boolean provision = configurations
                    .storedServer(server.name())
                    .map(StoredServer::provisionCredentials)
                    .orElse(false);
            if (provision) {
                managementSecurity.put(endpoint, deviceCredentials);
            }
        };
        return BootstrapServer.builder(new BootstrapServerSettings(
                        config.coap().host(),
                        config.coap().portOr(BootstrapServerConfig.COAP_PORT),
                        config.coaps().host(),
                        config.coaps().portOr(BootstrapServerConfig.COAPS_PORT),
                        config.requestTimeout()))
                .configurations(configurations)
                .credentials(credentials)
                .provisioning(provisioning)
                .serverKeyPair(keys.keyPair(ServerKeys.BOOTSTRAP))
                .build();
    }

    void start(
            @Observes @Priority(110) StartupEvent event,
            BootstrapServerConfig config,
            BootstrapServer server,
            BootstrapSessions sessions) {
        if (!config.enabled()) {
            LOG.info("Bootstrap server disabled (dmflow.bootstrap.enabled=false)");
            return;
        }
        server.addListener(sessions);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw CannotStart.because(
                    "the bootstrap server cannot listen on "
                            + Lwm2mServerLifecycle.endpoints(
                                    config.coap().host(),
                                    config.coap().portOr(BootstrapServerConfig.COAP_PORT),
                                    config.coaps().host(),
                                    config.coaps().portOr(BootstrapServerConfig.COAPS_PORT))
                            + ", set by dmflow.bootstrap.coap.host/port and dmflow.bootstrap.coaps.host/port; is a port in "
                            + "use by another process?",
                    e);
        }
    }

    void stop(@Observes @Priority(0) ShutdownEvent event, BootstrapServer server) {
        server.close();
        LOG.info("Bootstrap server stopped");
    }
}
