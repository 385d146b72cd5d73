package io.dmflow.api.testing;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserver;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.DeregisterRequest;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.request.UpdateRequest;
import org.eclipse.leshan.transport.californium.client.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.transport.californium.client.endpoint.coap.CoapClientProtocolProvider;

/** A real Leshan client over UDP on loopback, for tests that need a device to register. */
public final class TestDevice implements AutoCloseable {

    private final LeshanClient client;
    private final RegistrationWatch watch = new RegistrationWatch();

    private TestDevice(LeshanClient client) {
        this.client = client;
        client.addObserver(watch);
    }

    public static TestDevice create(String endpoint, URI serverUri, long lifetimeSeconds, boolean queueMode) {
        ObjectsInitializer objects = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        objects.setInstancesForObject(LwM2mId.SECURITY, Security.noSec(serverUri.toString(), 123));
        objects.setInstancesForObject(LwM2mId.SERVER,
                new Server(123, lifetimeSeconds, EnumSet.of(BindingMode.U), false, BindingMode.U));
        objects.setInstancesForObject(LwM2mId.DEVICE, new Device("dmflow", "test-device", endpoint + "-serial"));
        List<LwM2mObjectEnabler> enablers = new ArrayList<>(objects.createAll());

        CaliforniumClientEndpointsProvider.Builder transport = new CaliforniumClientEndpointsProvider.Builder(
                new CoapClientProtocolProvider());
        transport.setConfiguration(Configuration.createStandardWithoutFile());
        transport.setClientAddress(InetAddress.getLoopbackAddress());
        // LwM2M 1.1 announces queue mode with the registration's Q parameter, not in the binding.
        DefaultRegistrationEngineFactory registration = new DefaultRegistrationEngineFactory().setQueueMode(queueMode);
        LeshanClient client = new LeshanClientBuilder(endpoint).setObjects(enablers)
                .setRegistrationEngineFactory(registration)
                .setEndpointsProviders(transport.build()).build();
        return new TestDevice(client);
    }

    /** Starts the client and waits until it has its registration acknowledged. */
    public TestDevice register(Duration timeout) {
        CountDownLatch registered = watch.nextRegistration();
        client.start();
        await(registered, timeout, "registration");
        return this;
    }

    public void update(Duration timeout) {
        CountDownLatch updated = watch.nextUpdate();
        client.triggerRegistrationUpdate();
        await(updated, timeout, "registration update");
    }

    /** Deregisters and stops. */
    public void deregister() {
        client.stop(true);
    }

    /** Stops without a word to the server, as a device that lost power. */
    public void vanish() {
        client.stop(false);
    }

    @Override
    public void close() {
        client.destroy(false);
    }

    private static void await(CountDownLatch latch, Duration timeout, String what) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("No " + what + " acknowledged within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + what, e);
        }
    }

    /** Counts the server's acknowledgements the client receives. */
    private static final class RegistrationWatch implements LwM2mClientObserver {

        private volatile CountDownLatch registration = new CountDownLatch(1);
        private volatile CountDownLatch update = new CountDownLatch(1);

        CountDownLatch nextRegistration() {
            registration = new CountDownLatch(1);
            return registration;
        }

        CountDownLatch nextUpdate() {
            update = new CountDownLatch(1);
            return update;
        }

        @Override
        public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
            registration.countDown();
        }

        @Override
        public void onUpdateSuccess(LwM2mServer server, UpdateRequest request) {
            update.countDown();
        }

        @Override
        public void onBootstrapStarted(LwM2mServer server, BootstrapRequest request) {
        }

        @Override
        public void onBootstrapSuccess(LwM2mServer server, BootstrapRequest request) {
        }

        @Override
        public void onBootstrapFailure(LwM2mServer server, BootstrapRequest request, ResponseCode code,
                String message, Exception cause) {
        }

        @Override
        public void onBootstrapTimeout(LwM2mServer server, BootstrapRequest request) {
        }

        @Override
        public void onRegistrationStarted(LwM2mServer server, RegisterRequest request) {
        }

        @Override
        public void onRegistrationFailure(LwM2mServer server, RegisterRequest request, ResponseCode code,
                String message, Exception cause) {
        }

        @Override
        public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
        }

        @Override
        public void onUpdateStarted(LwM2mServer server, UpdateRequest request) {
        }

        @Override
        public void onUpdateFailure(LwM2mServer server, UpdateRequest request, ResponseCode code, String message,
                Exception cause) {
        }

        @Override
        public void onUpdateTimeout(LwM2mServer server, UpdateRequest request) {
        }

        @Override
        public void onDeregistrationStarted(LwM2mServer server, DeregisterRequest request) {
        }

        @Override
        public void onDeregistrationSuccess(LwM2mServer server, DeregisterRequest request) {
        }

        @Override
        public void onDeregistrationFailure(LwM2mServer server, DeregisterRequest request, ResponseCode code,
                String message, Exception cause) {
        }

        @Override
        public void onDeregistrationTimeout(LwM2mServer server, DeregisterRequest request) {
        }

        @Override
        public void onUnexpectedError(Throwable unexpectedError) {
        }
    }
}
