package io.dmflow.simulator.testing;

import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.testing.TestKeys;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.DownlinkDeviceManagementRequest;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.model.StaticModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.queue.StaticClientAwakeTimeProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.send.SendListener;
import org.eclipse.leshan.servers.security.InMemorySecurityStore;
import org.eclipse.leshan.servers.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.servers.security.SecurityInfo;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coaps.CoapsServerProtocolProvider;

/** A real Leshan server on 127.0.0.1 and an ephemeral UDP port, with the simulator's object models. */
public final class TestLwM2mServer implements AutoCloseable {

    private final LeshanServer server;
    private final InMemorySecurityStore securityStore = new InMemorySecurityStore();
    private final KeyPair serverKeys;
    private final List<String> unregistered = new CopyOnWriteArrayList<>();
    private final List<SentData> sent = new CopyOnWriteArrayList<>();
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();

    /** A notification as the server received it. */
    public record Notification(String endpoint, ObserveResponse response) {}

    private TestLwM2mServer(int clientAwakeTimeMillis, boolean secure) {
        this(clientAwakeTimeMillis, secure, 0, 0, TestKeys.ecP256());
    }

    private TestLwM2mServer(
            int clientAwakeTimeMillis, boolean secure, int coapPort, int coapsPort, KeyPair serverKeys) {
        this.serverKeys = serverKeys;
        CaliforniumServerEndpointsProvider.Builder endpointsBuilder = secure
                ? new CaliforniumServerEndpointsProvider.Builder(
                        new CoapServerProtocolProvider(), new CoapsServerProtocolProvider())
                : new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        if (secure) {
            endpointsBuilder.addEndpoint(new InetSocketAddress("127.0.0.1", coapsPort), Protocol.COAPS);
        }
        CaliforniumServerEndpointsProvider endpoints = endpointsBuilder
                .setConfiguration(config -> {
                    // firmware pushes of 1 MiB and bursts of registrations on loopback
                    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 16 * 1024 * 1024);
                    config.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, 4 * 1024 * 1024);
                })
                .addEndpoint(new InetSocketAddress("127.0.0.1", coapPort), Protocol.COAP)
                .build();
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints);
        builder.setObjectModelProvider(
                new StaticModelProvider(ObjectModels.bundled().objects()));
        builder.setClientAwakeTimeProvider(new StaticClientAwakeTimeProvider(clientAwakeTimeMillis));
        builder.setSecurityStore(securityStore);
        if (secure) {
            builder.setPublicKey(serverKeys.getPublic());
            builder.setPrivateKey(serverKeys.getPrivate());
        }
        server = builder.build();
        server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(
                    Registration registration,
                    Registration previousReg,
                    Collection<Observation> previousObservations) {}

            @Override
            public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {}

            @Override
            public void unregistered(
                    Registration registration,
                    Collection<Observation> observations,
                    boolean expired,
                    Registration newReg) {
                unregistered.add(registration.getEndpoint());
            }
        });
        server.getObservationService().addListener(new ObservationListener() {
            @Override
            public void newObservation(Observation observation, Registration registration) {}

            @Override
            public void cancelled(Observation observation) {}

            @Override
            public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
                notifications.add(new Notification(registration.getEndpoint(), response));
            }

            @Override
            public void onResponse(
                    CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {}

            @Override
            public void onError(Observation observation, Registration registration, Exception error) {}
        });
        server.getSendService().addListener(new SendListener() {
            @Override
            public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
                sent.add(new SentData(registration.getEndpoint(), data));
            }

            @Override
            public void onError(Registration registration, String errorMessage, Exception error) {}
        });
        server.start();
    }

    /** Data a device pushed with the Send operation. */
    public record SentData(String endpoint, TimestampedLwM2mNodes data) {}

    public List<SentData> sentData() {
        return sent;
    }

    public static TestLwM2mServer start() {
        return new TestLwM2mServer(93_000, false);
    }

    /** A fresh server on a given CoAP port, e.g. to stand in for a restarted one that lost its registrations. */
    public static TestLwM2mServer startOnPort(int coapPort) {
        return new TestLwM2mServer(93_000, false, coapPort, 0, TestKeys.ecP256());
    }

    /** A server that considers queue-mode clients asleep after {@code awakeMillis} without traffic. */
    public static TestLwM2mServer startWithClientAwakeTime(int awakeMillis) {
        return new TestLwM2mServer(awakeMillis, false);
    }

    /** A fresh secure server on the ports of {@code previous}, with its key pair: a restart that lost all state. */
    public static TestLwM2mServer restartSecure(TestLwM2mServer previous) {
        int coap = java.net.URI.create(previous.coapUri()).getPort();
        int coaps = java.net.URI.create(previous.coapsUri()).getPort();
        KeyPair keys = previous.serverKeys;
        previous.close();
        return new TestLwM2mServer(93_000, true, coap, coaps, keys);
    }

    /** A server with a CoAPs (DTLS) endpoint as well; credentials go in with {@link #addPsk}. */
    public static TestLwM2mServer startSecure() {
        return new TestLwM2mServer(93_000, true);
    }

    public void addPsk(String endpoint, String identity, byte[] key) {
        try {
            securityStore.add(SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key));
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalStateException(e);
        }
    }

    public void addRpk(String endpoint, PublicKey devicePublicKey) {
        try {
            securityStore.add(SecurityInfo.newRawPublicKeyInfo(endpoint, devicePublicKey));
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's RPK, which RPK devices pin. */
    public PublicKey publicKey() {
        return serverKeys.getPublic();
    }

    public String coapsUri() {
        return server.getEndpoint(Protocol.COAPS).getURI().toString();
    }

    /** The URI devices register to, with the real port the endpoint was bound to. */
    public String coapUri() {
        return server.getEndpoint(Protocol.COAP).getURI().toString();
    }

    public LeshanServer leshan() {
        return server;
    }

    public Registration registration(String endpoint) {
        return server.getRegistrationService().getByEndpoint(endpoint);
    }

    public int registrationCount() {
        List<Registration> all = new ArrayList<>();
        server.getRegistrationService().getAllRegistrations().forEachRemaining(all::add);
        return all.size();
    }

    /** Endpoints whose registration ended (deregistration, expiry or replacement), in order. */
    public List<String> unregisteredEndpoints() {
        return unregistered;
    }

    /** Notifications (observe responses after the first) received from one device, oldest first. */
    public List<ObserveResponse> notificationsFrom(String endpoint) {
        return notifications.stream()
                .filter(n -> n.endpoint().equals(endpoint))
                .map(Notification::response)
                .toList();
    }

    public <T extends LwM2mResponse> T send(String endpoint, DownlinkDeviceManagementRequest<T> request)
            throws InterruptedException {
        return send(endpoint, request, 5_000);
    }

    public <T extends LwM2mResponse> T send(
            String endpoint, DownlinkDeviceManagementRequest<T> request, long timeoutMillis)
            throws InterruptedException {
        Registration registration = registration(endpoint);
        if (registration == null) {
            throw new IllegalStateException(endpoint + " is not registered");
        }
        return server.send(registration, request, timeoutMillis);
    }

    @Override
    public void close() {
        server.destroy();
    }
}
