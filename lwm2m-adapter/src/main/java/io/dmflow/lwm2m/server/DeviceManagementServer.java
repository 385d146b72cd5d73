package io.dmflow.lwm2m.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.endpoint.LwM2mServerEndpoint;
import org.eclipse.leshan.server.queue.StaticClientAwakeTimeProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.servers.security.EditableSecurityStore;
import org.eclipse.leshan.servers.security.InMemorySecurityStore;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.ServerProtocolProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coaps.CoapsServerProtocolProvider;

import io.dmflow.lwm2m.registration.DeviceEventDispatcher;
import io.dmflow.lwm2m.registration.DeviceEventLanes;
import io.dmflow.lwm2m.registration.DeviceEventListener;
import io.dmflow.lwm2m.registration.DeviceRegistration;

/**
 * The LwM2M management server devices register with: a Leshan server on CoAP and CoAPS whose
 * registration events reach {@link DeviceEventListener}s.
 */
public final class DeviceManagementServer implements AutoCloseable {

    private final LeshanServer leshan;
    private final DeviceEventLanes eventLanes;
    private final DeviceEventDispatcher events;
    private final ScheduledExecutorService expirationChecker;
    private volatile boolean started;

    public DeviceManagementServer(ServerSettings settings) {
        this(settings, new InMemorySecurityStore());
    }

    public DeviceManagementServer(ServerSettings settings, EditableSecurityStore securityStore) {
        this.eventLanes = new DeviceEventLanes(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.events = new DeviceEventDispatcher(eventLanes);
        this.expirationChecker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dmflow-registration-expiry");
            thread.setDaemon(true);
            return thread;
        });
        InMemoryRegistrationStore registrations = new InMemoryRegistrationStore(expirationChecker,
                Math.max(1, settings.expirationCheckInterval().toSeconds()));

        List<ServerProtocolProvider> protocols = new ArrayList<>();
        if (settings.coapEnabled()) {
            protocols.add(new CoapServerProtocolProvider());
        }
        if (settings.coapsEnabled()) {
            protocols.add(new CoapsServerProtocolProvider());
        }
        CaliforniumServerEndpointsProvider.Builder transport = new CaliforniumServerEndpointsProvider.Builder(
                protocols.toArray(ServerProtocolProvider[]::new));
        // An explicit configuration: without one Californium writes a properties file into the working directory.
        Configuration configuration = transport.createDefaultConfiguration();
        configuration.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, settings.udpReceiveBufferBytes());
        configuration.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 16 * 1024 * 1024);
        transport.setConfiguration(configuration);
        if (settings.coapEnabled()) {
            transport.addEndpoint(new InetSocketAddress(settings.coapHost(), settings.coapPort()), Protocol.COAP);
        }
        if (settings.coapsEnabled()) {
            transport.addEndpoint(new InetSocketAddress(settings.coapsHost(), settings.coapsPort()),
                    Protocol.COAPS);
        }

        this.leshan = new LeshanServerBuilder()
                .setRegistrationStore(registrations)
                .setSecurityStore(securityStore)
                .setEndpointsProviders(transport.build())
                .setClientAwakeTimeProvider(
                        new StaticClientAwakeTimeProvider((int) settings.queueAwakeTime().toMillis()))
                .build();
        leshan.getRegistrationService().addListener(events);
        leshan.getPresenceService().addListener(events);
    }

    public void addListener(DeviceEventListener listener) {
        events.addListener(listener);
    }

    public void removeListener(DeviceEventListener listener) {
        events.removeListener(listener);
    }

    public synchronized void start() {
        if (!started) {
            leshan.start();
            started = true;
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

    public Optional<DeviceRegistration> registration(String endpoint) {
        return Optional.ofNullable(leshan.getRegistrationService().getByEndpoint(endpoint))
                .map(DeviceRegistration::of);
    }

    /** The Leshan server itself, for the operations of this module; not for layers above the adapter. */
    public LeshanServer leshan() {
        return leshan;
    }

    public boolean isStarted() {
        return started;
    }

    private Optional<URI> endpointUri(Protocol protocol) {
        LwM2mServerEndpoint endpoint = leshan.getEndpoint(protocol);
        return endpoint == null ? Optional.empty() : Optional.of(URI.create(endpoint.getURI().toString()));
    }

    @Override
    public synchronized void close() {
        if (started) {
            leshan.stop();
            started = false;
        }
        leshan.destroy();
        expirationChecker.shutdownNow();
        eventLanes.close();
    }
}
