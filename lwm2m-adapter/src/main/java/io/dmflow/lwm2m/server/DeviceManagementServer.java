package io.dmflow.lwm2m.server;

import io.dmflow.lwm2m.delivery.CoapPackageResource;
import io.dmflow.lwm2m.delivery.PackageDelivery;
import io.dmflow.lwm2m.delivery.PackageOffers;
import io.dmflow.lwm2m.delivery.TransferProtocol;
import io.dmflow.lwm2m.event.DeviceEventDispatcher;
import io.dmflow.lwm2m.event.DeviceEventLanes;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.lwm2m.observation.InMemoryObservationRecords;
import io.dmflow.lwm2m.observation.ObservationRecords;
import io.dmflow.lwm2m.observation.ObservationRequests;
import io.dmflow.lwm2m.observation.ObservationRestorer;
import io.dmflow.lwm2m.operation.BootstrapTrigger;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.DeviceOperations;
import io.dmflow.lwm2m.operation.Downlink;
import io.dmflow.lwm2m.operation.OperationTimeouts;
import io.dmflow.lwm2m.operation.RegisteredDataModel;
import io.dmflow.lwm2m.operation.RequestListener;
import io.dmflow.lwm2m.pacing.DevicePacing;
import io.dmflow.lwm2m.pacing.NotificationPacingCoapProvider;
import io.dmflow.lwm2m.pacing.NotificationPacingConnector;
import io.dmflow.lwm2m.pacing.ReportPacing;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.security.RefusalRecordingAuthorizer;
import io.dmflow.lwm2m.security.RefusalReportingCoapsProvider;
import io.dmflow.lwm2m.security.RegistrationRevocation;
import io.dmflow.lwm2m.security.SecurityRefusals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.PersistentComponentUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.LwM2mIdentity;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.peer.X509Identity;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.endpoint.LwM2mServerEndpoint;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.queue.StaticClientAwakeTimeProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationStore;
import org.eclipse.leshan.servers.security.EditableSecurityStore;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpoint;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.ServerProtocolProvider;

/**
 * The LwM2M management server devices register with: a Leshan server on CoAP and CoAPS whose events
 * reach {@link DeviceEventListener}s and whose devices are reached through {@link #operations()} and
 * {@link #observations()}.
 */
public final class DeviceManagementServer implements AutoCloseable {

    private final LeshanServer leshan;
    private final CaliforniumServerEndpointsProvider transport;
    /** The default of {@link Builder#eventLanes}. */
    public static final int EVENT_LANES = 16;

    private final DeviceEventLanes eventLanes;
    private final DeviceEventDispatcher events;
    private final ScheduledExecutorService expirationChecker;
    private final Downlink downlink;
    private final DeviceOperations operations;
    private final RegisteredDataModel dataModel;
    private final DeviceObservations observations;
    private final BootstrapTrigger bootstrapTrigger;
    private final PackageOffers packageOffers;
    private final PackageDelivery delivery;
    private final Map<TransferProtocol, URI> publicBases;
    private final PublicKey serverPublicKey;
    private final EditableSecurityStore securityStore;
    private final RegistrationRevocation revocation;
    private final SecurityRefusals refusals;
    private volatile boolean started;

    private DeviceManagementServer(Builder builder) {
        ServerSettings settings = builder.settings;
        this.eventLanes = new DeviceEventLanes(builder.eventLanes);
        this.events = new DeviceEventDispatcher(eventLanes, builder.reportsPerDeviceAndSecond);
        this.expirationChecker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dmflow-registration-expiry");
            thread.setDaemon(true);
            return thread;
        });
        RegistrationStore registrations = builder.registrationStore != null
                ? builder.registrationStore
                : new InMemoryRegistrationStore(
                        expirationChecker,
                        Math.max(1, settings.expirationCheckInterval().toSeconds()));

        List<ServerProtocolProvider> protocols = new ArrayList<>();
        if (settings.coapEnabled()) {
            // Over DTLS the stack is left as it is: its connector is also the store of the DTLS connections saved at a
            // stop, and decrypting a flooding device's datagrams costs more than what pacing them here would save.
            ReportPacing notificationPacing = new ReportPacing(builder.reportsPerDeviceAndSecond);
            protocols.add(new NotificationPacingCoapProvider(socket -> new NotificationPacingConnector(
                    socket,
                    notificationPacing,
                    address -> Optional.ofNullable(registrations.getRegistrationByAdress(address))
                            .map(Registration::getEndpoint))));
        }
        this.refusals = builder.refusals;
        if (settings.coapsEnabled()) {
            protocols.add(new RefusalReportingCoapsProvider(refusals));
        }
        CaliforniumServerEndpointsProvider.Builder endpoints =
                new CaliforniumServerEndpointsProvider.Builder(protocols.toArray(ServerProtocolProvider[]::new));
        // An explicit configuration: without one Californium writes a properties file into the working directory.
        Configuration configuration = endpoints.createDefaultConfiguration();
        configuration.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, settings.udpReceiveBufferBytes());
        configuration.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, builder.maxBodyBytes);
        configuration.set(CoapConfig.PREFERRED_BLOCK_SIZE, builder.blockSize);
        configuration.set(CoapConfig.MAX_MESSAGE_SIZE, builder.blockSize);
        endpoints.setConfiguration(configuration);
        if (settings.coapEnabled()) {
            endpoints.addEndpoint(new InetSocketAddress(settings.coapHost(), settings.coapPort()), Protocol.COAP);
        }
        if (settings.coapsEnabled()) {
            endpoints.addEndpoint(new InetSocketAddress(settings.coapsHost(), settings.coapsPort()), Protocol.COAPS);
        }
        this.transport = endpoints.build();

        LeshanServerBuilder leshanBuilder = new LeshanServerBuilder();
        if (builder.serverKeyPair != null) {
            // RPK: devices pin this public key; X.509 adds the certificate chain and the CAs devices are checked
            // against.
            leshanBuilder.setPrivateKey(builder.serverKeyPair.getPrivate());
            leshanBuilder.setPublicKey(builder.serverKeyPair.getPublic());
        }
        if (builder.certificateChain != null) {
            leshanBuilder.setCertificateChain(builder.certificateChain);
            leshanBuilder.setTrustedCertificates(builder.trustedCertificates);
        }
        this.serverPublicKey = builder.serverKeyPair == null ? null : builder.serverKeyPair.getPublic();
        this.leshan = leshanBuilder
                .setRegistrationStore(registrations)
                .setSecurityStore(builder.securityStore)
                .setAuthorizer(new RefusalRecordingAuthorizer(builder.securityStore, refusals))
                .setObjectModelProvider(new VersionedModelProvider(builder.models.objects()))
                .setEndpointsProviders(transport)
                .setClientAwakeTimeProvider(new StaticClientAwakeTimeProvider(
                        (int) settings.queueAwakeTime().toMillis()))
                .build();
        leshan.getRegistrationService().addListener(events);
        this.securityStore = builder.securityStore;
        this.revocation = new RegistrationRevocation(leshan);
        securityStore.addListener(revocation);
        leshan.getPresenceService().addListener(events);
        leshan.getObservationService().addListener(events);
        leshan.getSendService().addListener(events);

        this.downlink = new Downlink(
                leshan, builder.models.model(), new DevicePacing(builder.requestsPerDevice), builder.timeouts);
        this.operations = new DeviceOperations(leshan, builder.models.model(), downlink);
        this.dataModel = new RegisteredDataModel(downlink, builder.models.model());
        this.observations =
                new ObservationRequests(downlink, leshan.getObservationService(), builder.observationRecords);
        this.bootstrapTrigger = new BootstrapTrigger(downlink, operations);
        events.addListener(new ObservationRestorer(builder.observationRecords, observations));

        this.packageOffers = new PackageOffers(Clock.systemUTC());
        this.publicBases = new EnumMap<>(TransferProtocol.class);
        publicBases.putAll(builder.publicBases);
        this.delivery = new PackageDelivery(
                operations, packageOffers, this::publicBase, builder.offerValidity, builder.maxBodyBytes);
        transport.getCoapServer().add(new CoapPackageResource(packageOffers, builder.maxBodyBytes));
    }

    public static Builder builder(ServerSettings settings) {
        return new Builder(settings);
    }

    public void addListener(DeviceEventListener listener) {
        events.addListener(listener);
    }

    public void removeListener(DeviceEventListener listener) {
        events.removeListener(listener);
    }

    /** Told how every request sent to a device ended, whichever part of dmflow sent it. */
    public void addRequestListener(RequestListener listener) {
        downlink.addListener(listener);
    }

    public synchronized void start() {
        if (!started) {
            leshan.start();
            started = true;
        }
    }

    public boolean isStarted() {
        return started;
    }

    /** The operations dmflow performs on registered devices. */
    public DeviceClient operations() {
        return operations;
    }

    /** The object instances devices registered and the resources their models define. */
    public RegisteredDataModel dataModel() {
        return dataModel;
    }

    /** The observations dmflow starts and ends on registered devices. */
    public DeviceObservations observations() {
        return observations;
    }

    /** Sends registered devices back to their bootstrap server. */
    public BootstrapTrigger bootstrapTrigger() {
        return bootstrapTrigger;
    }

    /** Push and pull of firmware and software packages. */
    public PackageDelivery delivery() {
        return delivery;
    }

    /** The packages offered for download, e.g. to serve them over HTTP from the layer above. */
    public PackageOffers packageOffers() {
        return packageOffers;
    }

    /**
     * Where devices reach dmflow to pull packages with {@code protocol}: the configured public base, or
     * for CoAP(S) the bound endpoint when it is a concrete address.
     */
    public Optional<URI> publicBase(TransferProtocol protocol) {
        URI configured = publicBases.get(protocol);
        if (configured != null) {
            return Optional.of(configured);
        }
        Optional<URI> bound = switch (protocol) {
            case COAP -> coapUri();
            case COAPS -> coapsUri();
            case HTTP, HTTPS -> Optional.empty();
        };
        return bound.filter(uri -> !isWildcard(uri.getHost()));
    }

    private static boolean isWildcard(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return java.net.InetAddress.getByName(bare).isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The URI devices use for plain CoAP, with the port actually bound. */
    public Optional<URI> coapUri() {
        return endpointUri(Protocol.COAP);
    }

    /** The URI devices use for CoAP over DTLS, with the port actually bound. */
    public Optional<URI> coapsUri() {
        return endpointUri(Protocol.COAPS);
    }

    /** Devices turned away by DTLS or with 4.03, counted by reason. */
    public SecurityRefusals securityRefusals() {
        return refusals;
    }

    /** The public key devices using RPK pin, if the server has a key pair. */
    public Optional<PublicKey> serverPublicKey() {
        return Optional.ofNullable(serverPublicKey);
    }

    public Optional<DeviceRegistration> registration(String endpoint) {
        return Optional.ofNullable(leshan.getRegistrationService().getByEndpoint(endpoint))
                .map(DeviceRegistration::of);
    }

    /**
     * The identity the device proved in its DTLS handshake when it registered: its PSK identity, its certificate's
     * common name, or a description of its public key; empty for a device without DTLS or not registered.
     */
    public Optional<String> securityIdentity(String endpoint) {
        return Optional.ofNullable(leshan.getRegistrationService().getByEndpoint(endpoint))
                .map(registration -> registration.getClientTransportData().getIdentity())
                .filter(LwM2mIdentity::isSecure)
                .map(identity -> identity instanceof PskIdentity psk
                        ? psk.getPskIdentity()
                        : identity instanceof X509Identity x509 ? x509.getX509CommonName() : identity.toString());
    }

    /** The Leshan server itself, for this package and the module's tests; never for the layers above the adapter. */
    LeshanServer leshan() {
        return leshan;
    }

    private Optional<URI> endpointUri(Protocol protocol) {
        LwM2mServerEndpoint endpoint = leshan.getEndpoint(protocol);
        return endpoint == null
                ? Optional.empty()
                : Optional.of(URI.create(endpoint.getURI().toString()));
    }

    /**
     * Takes in the DTLS connections a previous server on the same CoAPS address saved with {@link
     * #closeSavingDtlsConnections}, so that devices keep their sessions; call it before {@link #start()}.
     *
     * @return how many connections were taken in; 0 without CoAPS
     */
    public synchronized int loadDtlsConnections(InputStream saved) {
        if (started) {
            throw new IllegalStateException("DTLS connections are loaded before the server starts");
        }
        return dtlsConnections().map(state -> state.loadComponents(saved)).orElse(0);
    }

    /**
     * Stops the server like {@link #close()}, and before it lets go of its DTLS connections writes them to {@code
     * out} for {@link #loadDtlsConnections}. What is written holds session secrets: the caller seals it.
     *
     * @return how many connections were written
     */
    public synchronized int closeSavingDtlsConnections(OutputStream out) throws IOException {
        int saved = 0;
        if (started) {
            // The connector saves only when stopped, and only what is still in memory before destroy() clears it.
            leshan.stop();
            started = false;
            Optional<PersistentComponentUtil> state = dtlsConnections();
            if (state.isPresent()) {
                saved = state.get().saveComponents(out, DTLS_CONNECTION_MAX_QUIET.toSeconds());
            }
        }
        close();
        return saved;
    }

    /** A connection that was quiet longer than this is not worth keeping: its device has long re-registered. */
    private static final Duration DTLS_CONNECTION_MAX_QUIET = Duration.ofDays(30);

    private Optional<PersistentComponentUtil> dtlsConnections() {
        return transport.getEndpoints().stream()
                .filter(endpoint -> endpoint.getProtocol().equals(Protocol.COAPS))
                .map(endpoint ->
                        ((CaliforniumServerEndpoint) endpoint).getCoapEndpoint().getConnector())
                .filter(DTLSConnector.class::isInstance)
                .map(connector -> {
                    PersistentComponentUtil state = new PersistentComponentUtil();
                    state.add((DTLSConnector) connector);
                    return state;
                })
                .findFirst();
    }

    @Override
    public synchronized void close() {
        if (started) {
            leshan.stop();
            started = false;
        }
        leshan.destroy();
        // The store may outlive this server (a restart in the same process): stop revoking through it.
        securityStore.removeListener(revocation);
        expirationChecker.shutdownNow();
        eventLanes.close();
    }

    /** Assembles a server; everything but the settings has a default fit for a single machine. */
    public static final class Builder {

        private final ServerSettings settings;
        private ObjectModels models = ObjectModels.bundled();
        private EditableSecurityStore securityStore = DeviceSecurityStore.inMemory();
        private SecurityRefusals refusals = new SecurityRefusals();
        private KeyPair serverKeyPair;
        private X509Certificate[] certificateChain;
        private X509Certificate[] trustedCertificates;
        private ObservationRecords observationRecords = new InMemoryObservationRecords();
        private RegistrationStore registrationStore;
        private OperationTimeouts timeouts = OperationTimeouts.defaults();
        private int requestsPerDevice = 1;
        private int reportsPerDeviceAndSecond = DeviceEventDispatcher.REPORTS_PER_DEVICE_AND_SECOND;
        private int eventLanes = EVENT_LANES;
        private int blockSize = 1024;
        private int maxBodyBytes = 64 * 1024 * 1024;
        private final Map<TransferProtocol, URI> publicBases = new EnumMap<>(TransferProtocol.class);
        private Duration offerValidity = Duration.ofHours(24);

        private Builder(ServerSettings settings) {
            this.settings = settings;
        }

        public Builder objectModels(ObjectModels models) {
            this.models = models;
            return this;
        }

        public Builder securityStore(EditableSecurityStore securityStore) {
            this.securityStore = securityStore;
            return this;
        }

        /** Where refusals are counted and logged; one may be shared with the bootstrap server. */
        public Builder securityRefusals(SecurityRefusals securityRefusals) {
            this.refusals = securityRefusals;
            return this;
        }

        /** The server's own key pair (EC): needed for devices using RPK, which pin its public key. */
        public Builder serverKeyPair(KeyPair keyPair) {
            this.serverKeyPair = keyPair;
            return this;
        }

        /**
         * X.509: the server's certificate chain (first: its own, for {@code privateKey}) and the certificate
         * authorities devices' certificates must chain to. A device's certificate common name must be its endpoint.
         */
        public Builder serverCertificate(
                PrivateKey privateKey, X509Certificate[] chain, X509Certificate... trustedAuthorities) {
            this.serverKeyPair = new KeyPair(chain[0].getPublicKey(), privateKey);
            this.certificateChain = chain.clone();
            this.trustedCertificates = trustedAuthorities.clone();
            return this;
        }

        public Builder observationRecords(ObservationRecords observationRecords) {
            this.observationRecords = observationRecords;
            return this;
        }

        /**
         * Where registrations and Leshan's observations live; by default in memory, forgotten at a restart. The store
         * finds expired registrations itself (the default every {@link ServerSettings#expirationCheckInterval()}) and
         * is started, stopped and destroyed with the server.
         */
        public Builder registrationStore(RegistrationStore registrationStore) {
            this.registrationStore = registrationStore;
            return this;
        }

        public Builder timeouts(OperationTimeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        /** Requests in flight to one device at a time; constrained devices want 1. */
        public Builder requestsPerDevice(int requestsPerDevice) {
            this.requestsPerDevice = requestsPerDevice;
            return this;
        }

        /**
         * Notifications and Sends of one device handled per second; the rest are left out (a warning says so), so a
         * runaway device costs the fleet no more than this.
         */
        public Builder reportsPerDeviceAndSecond(int reportsPerDeviceAndSecond) {
            this.reportsPerDeviceAndSecond = reportsPerDeviceAndSecond;
            return this;
        }

        /**
         * How many devices' events are handled at once. The listeners write to the database and talk to the engine,
         * so they wait more than they compute: more lanes than cores keep a fleet that comes back at once from
         * queueing behind a few commits.
         */
        public Builder eventLanes(int eventLanes) {
            if (eventLanes < 1) {
                throw new IllegalArgumentException("event lanes must be at least 1, was " + eventLanes);
            }
            this.eventLanes = eventLanes;
            return this;
        }

        /** CoAP block size for block-wise transfers: 16, 32, 64, 128, 256, 512 or 1024 bytes. */
        public Builder blockSize(int blockSize) {
            if (Integer.bitCount(blockSize) != 1 || blockSize < 16 || blockSize > 1024) {
                throw new IllegalArgumentException(
                        "CoAP block size must be a power of two from 16 to 1024, was " + blockSize);
            }
            this.blockSize = blockSize;
            return this;
        }

        /** The base URI devices reach dmflow at to pull packages with {@code protocol}. */
        public Builder publicBase(TransferProtocol protocol, URI base) {
            publicBases.put(protocol, base);
            return this;
        }

        /** How long a package offered for download stays downloadable. */
        public Builder offerValidity(Duration validity) {
            this.offerValidity = validity;
            return this;
        }

        /** The largest package pushed or served over CoAP. */
        public Builder maxPackageBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public DeviceManagementServer build() {
            return new DeviceManagementServer(this);
        }
    }
}
