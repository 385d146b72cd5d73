package io.dmflow.api.lwm2m;

import io.dmflow.api.database.Sql;
import io.dmflow.api.device.DeviceRegistry;
import io.dmflow.api.observation.DeviceValueRecorder;
import io.dmflow.api.registration.PostgresRegistrationStore;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.security.PemFiles;
import io.dmflow.api.security.ServerKeys;
import io.dmflow.api.startup.CannotStart;
import io.dmflow.lwm2m.delivery.TransferProtocol;
import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.lwm2m.observation.ObservationRecords;
import io.dmflow.lwm2m.operation.OperationTimeouts;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates the LwM2M server, starts it once the database is ready and stops it first on shutdown. Registrations and
 * observations live in PostgreSQL; DTLS connections are kept in a sealed file from a graceful stop to the next start.
 */
@ApplicationScoped
public class Lwm2mServerLifecycle {

    private static final Logger LOG = Logger.getLogger(Lwm2mServerLifecycle.class);

    private volatile DtlsConnectionFile dtlsConnections;

    @Produces
    @Singleton
    DeviceManagementServer deviceManagementServer(
            Lwm2mServerConfig config,
            ObservationRecords observations,
            DeviceSecurityStore security,
            ServerKeys serverKeys,
            Sql sql) {
        int coapPort = config.coap().portOr(Lwm2mServerConfig.COAP_PORT);
        int coapsPort = config.coaps().portOr(Lwm2mServerConfig.COAPS_PORT);
        if (coapPort < 0 && coapsPort < 0) {
            if (config.enabled()) {
                throw new CannotStart(
                        "dmflow.lwm2m.coap.port and dmflow.lwm2m.coaps.port are both disabled (negative); "
                                + "enable at least one, or set dmflow.lwm2m.enabled=false for a process that serves no devices");
            }
            // The settings need one endpoint; start() never runs for a disabled server, so no port is ever bound.
            coapPort = 0;
        }
        DeviceManagementServer.Builder builder = DeviceManagementServer.builder(new ServerSettings(
                        config.coap().host(),
                        coapPort,
                        config.coaps().host(),
                        coapsPort,
                        config.expirationCheckInterval(),
                        config.udpReceiveBufferBytes(),
                        config.queue().awakeTime()))
                .objectModels(
                        config.modelsDir().map(ObjectModels::withDirectory).orElse(ObjectModels.bundled()))
                .observationRecords(observations)
                .registrationStore(new PostgresRegistrationStore(sql, config.expirationCheckInterval()))
                .securityStore(security)
                .timeouts(new OperationTimeouts(config.requestTimeout(), config.blockTransferTimeout()))
                .requestsPerDevice(config.requestsPerDevice())
                .reportsPerDeviceAndSecond(config.reportsPerDeviceAndSecond())
                .eventLanes(config.eventLanes())
                .blockSize(config.blockSize())
                .maxPackageBytes(config.maxPackageBytes())
                .offerValidity(config.delivery().offerValidity());
        Lwm2mServerConfig.X509 x509 = config.x509();
        if (x509.certificateChain().isPresent() || x509.privateKey().isPresent()) {
            if (x509.certificateChain().isEmpty()
                    || x509.privateKey().isEmpty()
                    || x509.trustedCertificates().isEmpty()) {
                throw new CannotStart("dmflow.lwm2m.x509 needs certificate-chain, private-key and "
                        + "trusted-certificates together");
            }
            builder.serverCertificate(
                    PemFiles.privateKey(x509.privateKey().get()),
                    PemFiles.certificates(x509.certificateChain().get()),
                    PemFiles.certificates(x509.trustedCertificates().get()));
        } else {
            builder.serverKeyPair(serverKeys.keyPair(ServerKeys.MANAGEMENT));
        }
        config.delivery().publicUrlBase().ifPresent(base -> builder.publicBase(TransferProtocol.COAP, base));
        config.delivery().publicUrlBaseCoaps().ifPresent(base -> builder.publicBase(TransferProtocol.COAPS, base));
        config.delivery()
                .publicUrlBaseHttp()
                .ifPresent(base -> builder.publicBase(
                        "https".equalsIgnoreCase(base.getScheme()) ? TransferProtocol.HTTPS : TransferProtocol.HTTP,
                        base));
        return builder.build();
    }

    void start(
            @Observes @Priority(100) StartupEvent event,
            DeviceManagementServer server,
            DeviceRegistry registry,
            DeviceValueRecorder values,
            Lwm2mServerConfig config,
            Sql sql,
            SecretBox secrets) {
        if (!config.enabled()) {
            LOG.info("No LwM2M server (dmflow.lwm2m.enabled=false): this process serves no devices");
            return;
        }
        // Before the server listens, so that no device registering now is caught by it.
        Set<String> kept = PostgresRegistrationStore.keptRegistrationIds(sql);
        int stale = registry.markOfflineUnlessRegistered(kept);
        if (stale > 0) {
            LOG.infof("%d devices marked offline until they register again", stale);
        }
        server.addListener(registry);
        server.addListener(values);
        dtlsConnections = new DtlsConnectionFile(
                config.dtls().connectionsFile().orElseGet(DtlsConnectionFile::besideTheData), secrets);
        dtlsConnections.loadInto(server);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw CannotStart.because(
                    "the LwM2M server cannot listen on "
                            + endpoints(
                                    config.coap().host(),
                                    config.coap().portOr(Lwm2mServerConfig.COAP_PORT),
                                    config.coaps().host(),
                                    config.coaps().portOr(Lwm2mServerConfig.COAPS_PORT))
                            + ", set by dmflow.lwm2m.coap.host/port and dmflow.lwm2m.coaps.host/port; is a port in use by "
                            + "another process?",
                    e);
        }
        LOG.infof(
                "LwM2M server listening on %s %s",
                server.coapUri().map(Object::toString).orElse("(no CoAP)"),
                server.coapsUri().map(Object::toString).orElse("(no CoAPS)"));
    }

    /** Where a server is configured to listen, for messages: its enabled endpoints. */
    public static String endpoints(String coapHost, int coapPort, String coapsHost, int coapsPort) {
        List<String> endpoints = new ArrayList<>();
        if (coapPort >= 0) {
            endpoints.add("coap://" + coapHost + ":" + coapPort);
        }
        if (coapsPort >= 0) {
            endpoints.add("coaps://" + coapsHost + ":" + coapsPort);
        }
        return String.join(" and ", endpoints);
    }

    void stop(@Observes @Priority(1) ShutdownEvent event, DeviceManagementServer server) {
        if (dtlsConnections != null) {
            dtlsConnections.closeAndKeep(server);
            LOG.info("LwM2M server stopped");
        } else {
            server.close();
        }
    }
}
