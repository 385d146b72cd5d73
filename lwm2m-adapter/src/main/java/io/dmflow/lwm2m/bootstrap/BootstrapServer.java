package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.logging.LogRateLimit;
import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.HandshakeRefusals;
import io.dmflow.lwm2m.security.InMemoryCredentialStore;
import io.dmflow.lwm2m.security.RefusalReason;
import io.dmflow.lwm2m.security.SecurityRefusals;
import io.dmflow.lwm2m.version.SupportedVersions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticCertificateVerifier;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLinkParser;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LwM2M bootstrap server: devices send it a Bootstrap-Request ({@code POST /bs?ep=}) and get the Security and
 * Server instances of the named servers their {@link BootstrapConfiguration} lists, then a Bootstrap-Finish.
 * <p>
 * Built on Californium with Leshan's core request types and codecs (Leshan's own bootstrap server modules are not
 * available at 2.0.0-M18). Listens on its own CoAP and CoAPS ports. Devices that have bootstrap credentials (in
 * {@link #credentials()}) must present them over DTLS; the credentials of a PSK identity or public key belong to one
 * endpoint only.
 */
public final class BootstrapServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapServer.class);

    private final BootstrapServerSettings settings;
    private final BootstrapConfigurations configurations;
    private final CredentialStore credentials;
    private final CredentialProvisioning provisioning;
    private final CoapServer coap;
    private final CoapEndpoint coapEndpoint;
    private final CoapEndpoint coapsEndpoint;
    private final ExecutorService sessionsExecutor;
    private final LwM2mEncoder encoder = new DefaultLwM2mEncoder();
    private final LwM2mDecoder decoder = new DefaultLwM2mDecoder();
    private final LwM2mLinkParser linkParser = new DefaultLwM2mLinkParser();
    private final ObjectModels models;
    private final List<BootstrapListener> listeners = new CopyOnWriteArrayList<>();
    private final java.security.PublicKey serverPublicKey;
    private final SecurityRefusals refusals;
    private final LogRateLimit unconfiguredLog = new LogRateLimit(Clock.systemUTC(), Duration.ofMinutes(1), 10_000);
    private volatile boolean started;

    private BootstrapServer(Builder builder) {
        this.settings = builder.settings;
        this.configurations = builder.configurations;
        this.credentials = builder.credentials;
        this.provisioning = builder.provisioning;
        this.models = builder.models;
        this.serverPublicKey = builder.serverKeyPair == null ? null : builder.serverKeyPair.getPublic();
        this.refusals = builder.refusals;
        this.sessionsExecutor = Executors.newFixedThreadPool(2, new DaemonThreadFactory("dmflow-bootstrap#"));

        // An explicit configuration: without one Californium writes a properties file into the working directory.
        Configuration configuration = new Configuration(
                SystemConfig.DEFINITIONS, CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        configuration.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        this.coap = new CoapServer(configuration);
        if (settings.coapEnabled()) {
            coapEndpoint = new CoapEndpoint.Builder()
                    .setConfiguration(configuration)
                    .setInetSocketAddress(new InetSocketAddress(settings.coapHost(), settings.coapPort()))
                    .build();
            coap.addEndpoint(coapEndpoint);
        } else {
            coapEndpoint = null;
        }
        if (settings.coapsEnabled()) {
            HandshakeRefusals handshakeRefusals = new HandshakeRefusals(refusals);
            DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(configuration)
                    .setSessionListener(handshakeRefusals)
                    .setConnectionListener(handshakeRefusals)
                    .setAddress(new InetSocketAddress(settings.coapsHost(), settings.coapsPort()))
                    .setPskStore(new BootstrapPskStore(credentials))
                    .setLoggingTag("[bootstrap]");
            if (builder.serverKeyPair != null) {
                // RPK: any public key may complete the handshake; whose it is is checked at Bootstrap-Request.
                dtls.setCertificateIdentityProvider(new SingleCertificateProvider(
                        builder.serverKeyPair.getPrivate(), builder.serverKeyPair.getPublic()));
                dtls.setCertificateVerifier(
                        StaticCertificateVerifier.builder().setTrustAllRPKs().build());
            }
            DTLSConnector connector = new DTLSConnector(dtls.build());
            connector.setAlertHandler(handshakeRefusals);
            coapsEndpoint = new CoapEndpoint.Builder()
                    .setConfiguration(configuration)
                    .setConnector(connector)
                    .build();
            coap.addEndpoint(coapsEndpoint);
        } else {
            coapsEndpoint = null;
        }
        coap.add(new BootstrapResource());
    }

    public static Builder builder(BootstrapServerSettings settings) {
        return new Builder(settings);
    }

    public synchronized void start() {
        if (!started) {
            coap.start();
            started = true;
            LOG.info(
                    "Bootstrap server listening on {} {}",
                    coapUri().map(URI::toString).orElse("(no CoAP)"),
                    coapsUri().map(URI::toString).orElse("(no CoAPS)"));
        }
    }

    public boolean isStarted() {
        return started;
    }

    public void addListener(BootstrapListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BootstrapListener listener) {
        listeners.remove(listener);
    }

    /** Devices turned away by DTLS or with 4.03, counted by reason. */
    public SecurityRefusals securityRefusals() {
        return refusals;
    }

    /** The credentials devices present to this bootstrap server (not to management servers). */
    public CredentialStore credentials() {
        return credentials;
    }

    /** The public key devices using RPK with the bootstrap server pin, if it has a key pair. */
    public Optional<java.security.PublicKey> serverPublicKey() {
        return Optional.ofNullable(serverPublicKey);
    }

    /** With the port actually bound. */
    public Optional<URI> coapUri() {
        return uri("coap", coapEndpoint);
    }

    public Optional<URI> coapsUri() {
        return uri("coaps", coapsEndpoint);
    }

    private Optional<URI> uri(String scheme, CoapEndpoint endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        InetSocketAddress address = endpoint.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return Optional.of(URI.create(scheme + "://" + host + ":" + address.getPort()));
    }

    @Override
    public synchronized void close() {
        coap.destroy();
        started = false;
        sessionsExecutor.shutdownNow();
    }

    private void ended(BootstrapResult result) {
        if (result.finished()) {
            LOG.info(
                    "Bootstrapped {} with {} in {} ms",
                    result.endpoint(),
                    result.servers(),
                    result.took().toMillis());
        } else {
            LOG.warn(
                    "Bootstrap of {} failed: {}",
                    result.endpoint(),
                    result.failure().orElseThrow());
        }
        for (BootstrapListener listener : listeners) {
            try {
                listener.sessionEnded(result);
            } catch (RuntimeException e) {
                LOG.error("Bootstrap listener failed for {}", result.endpoint(), e);
            }
        }
    }

    /** {@code /bs}: Bootstrap-Request. */
    private final class BootstrapResource extends CoapResource {

        BootstrapResource() {
            super("bs");
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            String endpoint = exchange.getQueryParameter("ep");
            if (endpoint == null || endpoint.isBlank()) {
                exchange.respond(ResponseCode.BAD_REQUEST, "the endpoint name (ep) is missing");
                return;
            }
            // LwM2M 1.1 clients announce their version only in Bootstrap-Discover (the session checks it there); a
            // client that names it in the request learns at once, as at Register.
            String version = exchange.getQueryParameter("lwm2m");
            if (version != null && SupportedVersions.isUnsupported(version)) {
                LOG.info("Bootstrap-Request of {} refused: {}", endpoint, SupportedVersions.refusal(version));
                exchange.respond(SupportedVersions.REFUSAL, SupportedVersions.refusal(version));
                return;
            }
            EndpointContext peer = exchange.advanced().getRequest().getSourceContext();
            Optional<Refusal> refusal = authenticate(endpoint, peer.getPeerIdentity());
            if (refusal.isPresent()) {
                refusals.refused(
                        refusal.get().reason(),
                        "endpoint " + endpoint + " (Bootstrap-Request)",
                        peer.getPeerAddress(),
                        refusal.get().why());
                exchange.respond(ResponseCode.FORBIDDEN);
                return;
            }
            List<BootstrapSession.ResolvedServer> servers;
            try {
                BootstrapConfiguration configuration =
                        configurations.forEndpoint(endpoint).orElse(null);
                if (configuration == null) {
                    // A device without configuration asks again at every retry: one line a minute is enough.
                    unconfiguredLog
                            .admit(endpoint)
                            .ifPresent(leftOut -> LOG.info(
                                    "Bootstrap-Request of {}: no bootstrap configuration{}",
                                    endpoint,
                                    leftOut == 0
                                            ? ""
                                            : " (" + leftOut + " more requests of it in the last minute not logged)"));
                    exchange.respond(ResponseCode.BAD_REQUEST, "no bootstrap configuration");
                    return;
                }
                servers = BootstrapSession.resolve(configuration, configurations);
            } catch (IllegalArgumentException e) {
                LOG.warn("Bootstrap-Request of {}: its configuration is unusable: {}", endpoint, e.getMessage());
                exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
                return;
            }
            exchange.respond(ResponseCode.CHANGED);
            Exchange advanced = exchange.advanced();
            DeviceChannel channel =
                    new DeviceChannel(advanced.getEndpoint(), peer, encoder, models.model(), settings.requestTimeout());
            BootstrapSession bootstrap = new BootstrapSession(
                    endpoint, servers, channel, linkParser, decoder, models.model(), provisioning, sessionsExecutor);
            // Listeners and stores are called on the sessions' executor, never on Californium's threads.
            bootstrap.run().thenAccept(BootstrapServer.this::ended);
        }

        /** Empty if the peer may bootstrap as {@code endpoint}; otherwise why not (no secrets in it). */
        private Optional<Refusal> authenticate(String endpoint, Principal peer) {
            ClientCredentials expected = credentials.byEndpoint(endpoint).orElse(null);
            if (expected == null) {
                return peer == null
                        ? Optional.empty()
                        : Refusal.of(
                                RefusalReason.WRONG_CREDENTIALS,
                                "it has no bootstrap credentials but came over DTLS as " + peer.getName());
            }
            if (peer == null) {
                return Refusal.of(RefusalReason.NOT_SECURED, "it has " + expected.mode() + " bootstrap credentials");
            }
            if (expected instanceof PskCredentials psk && peer instanceof PreSharedKeyIdentity identity) {
                return psk.identity().equals(identity.getIdentity())
                        ? Optional.empty()
                        : Refusal.of(
                                RefusalReason.WRONG_CREDENTIALS,
                                "PSK identity " + identity.getIdentity() + " belongs to another endpoint");
            }
            if (expected instanceof RpkCredentials rpk && peer instanceof RawPublicKeyIdentity key) {
                return rpk.publicKey().equals(key.getKey())
                        ? Optional.empty()
                        : Refusal.of(RefusalReason.WRONG_CREDENTIALS, "its public key is not the one on record");
            }
            return Refusal.of(RefusalReason.WRONG_CREDENTIALS, "it must use " + expected.mode());
        }
    }

    private record Refusal(RefusalReason reason, String why) {
        static Optional<Refusal> of(RefusalReason reason, String why) {
            return Optional.of(new Refusal(reason, why));
        }
    }

    /** Assembles a bootstrap server; everything but the settings has an in-memory default. */
    public static final class Builder {

        private final BootstrapServerSettings settings;
        private BootstrapConfigurations configurations = new InMemoryBootstrapConfigurations();
        private CredentialStore credentials = new InMemoryCredentialStore();
        private CredentialProvisioning provisioning = CredentialProvisioning.none();
        private ObjectModels models = ObjectModels.bundled();
        private KeyPair serverKeyPair;
        private SecurityRefusals refusals = new SecurityRefusals();

        private Builder(BootstrapServerSettings settings) {
            this.settings = settings;
        }

        public Builder configurations(BootstrapConfigurations bootstrapConfigurations) {
            this.configurations = bootstrapConfigurations;
            return this;
        }

        /** Credentials devices present to the bootstrap server itself. */
        public Builder credentials(CredentialStore bootstrapCredentials) {
            this.credentials = bootstrapCredentials;
            return this;
        }

        /** How management servers learn the credentials their devices are given. */
        public Builder provisioning(CredentialProvisioning credentialProvisioning) {
            this.provisioning = credentialProvisioning;
            return this;
        }

        public Builder objectModels(ObjectModels objectModels) {
            this.models = objectModels;
            return this;
        }

        /** Where refusals are counted and logged; one may be shared with the management server. */
        public Builder securityRefusals(SecurityRefusals securityRefusals) {
            this.refusals = securityRefusals;
            return this;
        }

        /** The bootstrap server's own key pair, for devices that use RPK with it. */
        public Builder serverKeyPair(KeyPair keyPair) {
            this.serverKeyPair = keyPair;
            return this;
        }

        public BootstrapServer build() {
            return new BootstrapServer(this);
        }
    }
}
