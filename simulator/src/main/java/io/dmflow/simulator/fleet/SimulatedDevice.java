package io.dmflow.simulator.fleet;

import io.dmflow.simulator.object.connectivity.ConnectivityMonitoring;
import io.dmflow.simulator.object.device.DeviceObject;
import io.dmflow.simulator.object.device.PowerCycle;
import io.dmflow.simulator.object.firmware.FirmwareInstaller;
import io.dmflow.simulator.object.firmware.FirmwareUpdate;
import io.dmflow.simulator.object.location.Location;
import io.dmflow.simulator.object.sensor.TemperatureSensor;
import io.dmflow.simulator.object.software.SoftwareManagement;
import io.dmflow.simulator.object.stored.StoredResources;
import io.dmflow.simulator.transport.DeviceEndpointsProvider;
import io.dmflow.simulator.transport.LinkDrop;
import io.dmflow.simulator.transport.Radio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.SendResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * One simulated LwM2M device: a Leshan client with dmflow's objects, a radio that can sleep or lose its network, and
 * a power cycle. Created by {@link SimulatedFleet}; every method is safe to call from a test thread.
 */
public final class SimulatedDevice implements AutoCloseable {

    private static final long SHUTDOWN_GRACE_MILLIS = 100; // lets the 2.04 of Reboot/Update leave first

    private final DeviceSettings settings;
    private final FleetRuntime runtime;
    private final Radio radio;
    private final RegistrationTracker tracker;
    private final LeshanClient client;
    private final DeviceObjects objects;
    private final AtomicInteger reboots = new AtomicInteger();
    private final AtomicBoolean rebooting = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> bootActions = new ArrayList<>();
    private volatile Duration rebootDelay;
    private ScheduledFuture<?> registrationLoop; // guarded by bootActions

    SimulatedDevice(DeviceSettings settings, FleetRuntime runtime, IntConsumer fleetRegistrations) {
        this.settings = settings;
        this.runtime = runtime;
        this.radio = new Radio(runtime.scheduler, runtime.link, settings.queueMode() ? settings.awakeTime() : null);
        radio.setLatency(settings.linkLatency());
        this.tracker = new RegistrationTracker(fleetRegistrations);
        this.rebootDelay = settings.rebootDelay();

        PowerCycle powerCycle = new PowerCycle() {
            @Override
            public void reboot() {
                SimulatedDevice.this.reboot();
            }

            @Override
            public void factoryReset() {
                SimulatedDevice.this.reboot();
            }
        };
        this.objects = new DeviceObjects(settings, runtime, powerCycle, firmwareInstaller());

        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory()
                .setQueueMode(settings.queueMode())
                .setRequestTimeoutInMs(settings.requestTimeout().toMillis())
                .setRetryWaitingTimeInMs((int) settings.registrationRetry().toMillis());

        LeshanClientBuilder builder = new LeshanClientBuilder(settings.endpoint());
        builder.setObjects(objects.enablers());
        builder.setSharedExecutor(runtime.scheduler);
        builder.setEncoder(runtime.encoder);
        builder.setDecoder(runtime.decoder);
        builder.setLinkSerializer(runtime.linkSerializer);
        builder.setAttributeParser(runtime.attributeParser);
        builder.setRegistrationEngineFactory(engine);
        builder.setEndpointsProviders(DeviceEndpointsProvider.create(
                settings.endpoint(), radio, settings.bindAddress(), runtime.coapConfig, runtime.coapExecutor));
        this.client = builder.build();
        client.addObserver(tracker);
    }

    // ---- identity and registration

    public String endpoint() {
        return settings.endpoint();
    }

    /** True once the device has received the 2.01 of its registration, until it deregisters or goes down. */
    public boolean isRegistered() {
        return tracker.isRegistered();
    }

    /** Waits until the device holds a registration; false on timeout. */
    public boolean awaitRegistered(Duration timeout) {
        try {
            return tracker.awaitRegistered(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The registration id (location path) the server gave, while registered. */
    public Optional<String> registrationId() {
        return Optional.ofNullable(tracker.registrationId());
    }

    /** How many times the device has registered (initial registration, reboots, re-registrations). */
    public int registrationCount() {
        return tracker.registrations();
    }

    /** How many bootstrap sessions finished successfully (devices built with a bootstrap server URI). */
    public int bootstrapCount() {
        return tracker.bootstraps();
    }

    /** How many DTLS handshakes the device completed (0 without DTLS). */
    public int handshakeCount() {
        return radio.handshakes();
    }

    /** How many registration updates succeeded. */
    public int updateCount() {
        return tracker.updates();
    }

    /**
     * How many registration attempts ended without success: refused by the server (an error code, a failed DTLS
     * handshake) or left unanswered. Lets a caller wait until the device has really tried and been turned away.
     */
    public int failedRegistrationCount() {
        return tracker.failedRegistrations();
    }

    /** How many registration updates failed or timed out (after which the device registers anew). */
    public int failedUpdateCount() {
        return tracker.failedUpdates();
    }

    /** How many bootstrap attempts failed or timed out (devices built with a bootstrap server URI). */
    public int failedBootstrapCount() {
        return tracker.failedBootstraps();
    }

    // ---- lifecycle

    /** Starts the client: it binds its socket and registers asynchronously. */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException(endpoint() + " is closed");
        }
        if (started.compareAndSet(false, true)) {
            client.start();
        }
    }

    /** Deregisters and releases the socket. A closed device cannot be started again. */
    @Override
    public void close() {
        close(true);
    }

    void close(boolean deregister) {
        if (closed.compareAndSet(false, true)) {
            stopRegisteringAgain();
            radio.stop();
            client.destroy(deregister && started.get() && !radio.isOffline());
            tracker.down();
        }
    }

    /** Sends a registration update now, as a device does when it wakes up or its IP address changes. */
    public void triggerRegistrationUpdate() {
        client.triggerRegistrationUpdate();
    }

    /**
     * Sends the current values of {@code paths} to the server with the LwM2M 1.1 Send operation (SenML-CBOR), as a
     * device reporting on its own initiative does. True if the server acknowledged them.
     */
    public boolean sendData(String... paths) {
        Map<String, LwM2mServer> servers = client.getRegisteredServers();
        if (servers.isEmpty()) {
            return false;
        }
        try {
            SendResponse response = client.getSendService()
                    .sendData(
                            servers.values().iterator().next(),
                            ContentFormat.SENML_CBOR,
                            List.of(paths),
                            settings.requestTimeout().toMillis());
            return response != null && response.isSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Changes the registration lifetime the way a server's write to /1/0/1 would (after a bootstrap, instance 0 must
     * be the one the bootstrap server wrote); the device then sends a
     * registration update carrying the new lifetime.
     */
    public void changeLifetime(Duration lifetime) {
        LwM2mObjectEnabler server = client.getObjectTree().getObjectEnabler(LwM2mId.SERVER);
        WriteResponse response = server.write(
                LwM2mServer.SYSTEM, new WriteRequest(LwM2mId.SERVER, 0, LwM2mId.SRV_LIFETIME, lifetime.toSeconds()));
        if (!response.isSuccess()) {
            throw new IllegalStateException("lifetime change refused: " + response);
        }
    }

    /** Loses the network: requests to the device time out and its own sends fail, until {@link #comeBack()}. */
    public void goOffline() {
        radio.goOffline();
    }

    /**
     * Regains the network and says so: a registration update if the device still holds its registration, otherwise
     * a new registration (its update failed while it was away, or the server forgot it).
     */
    public void comeBack() {
        radio.comeBack();
        if (closed.get() || rebooting.get() || !started.get()) {
            return;
        }
        if (tracker.isRegistered()) {
            client.triggerRegistrationUpdate();
        } else {
            client.start();
        }
    }

    public boolean isOffline() {
        return radio.isOffline();
    }

    /**
     * Drops off the link at the first request {@code drop} names, as a device that loses coverage exactly there; it
     * stays offline until {@link #comeBack()}.
     */
    public void dropOffAt(LinkDrop drop) {
        radio.dropOffAt(drop);
    }

    /** From now on, everything the device sends leaves {@code latency} later (see the fleet's link latency). */
    public void setLinkLatency(Duration latency) {
        radio.setLatency(latency);
    }

    /**
     * Misbehaves like a device with broken encoding: from now on, every answer with a payload carries bytes that do
     * not decode, under a content format (TLV) that does not describe them, until called with {@code false}.
     */
    public void answerGarbage(boolean on) {
        radio.garbleAnswers(on);
    }

    /**
     * Misbehaves like a device whose CoAP stack hung behind a live modem: requests from the server are never acted on
     * nor answered, while the device's own sends (registration updates, notifications) still go out.
     */
    public void ignoreRequests(boolean on) {
        radio.ignoreRequests(on);
    }

    /**
     * Misbehaves like a device stuck in a boot loop that never deregisters: every {@code period} it drops its
     * registration silently and registers anew (from a new socket), until {@link #stopRegisteringAgain()}.
     */
    public void registerAgainEvery(Duration period) {
        synchronized (bootActions) {
            stopRegisteringAgainLocked();
            registrationLoop = runtime.scheduler.scheduleWithFixedDelay(
                    this::registerAgain, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void stopRegisteringAgain() {
        synchronized (bootActions) {
            stopRegisteringAgainLocked();
        }
    }

    private void stopRegisteringAgainLocked() {
        if (registrationLoop != null) {
            registrationLoop.cancel(false);
            registrationLoop = null;
        }
    }

    private void registerAgain() {
        if (closed.get() || rebooting.get() || !started.get()) {
            return;
        }
        client.stop(false);
        tracker.down();
        client.start();
    }

    /** In queue mode: true while the radio sleeps and requests to the device are lost. */
    public boolean isSleeping() {
        return radio.isSleeping();
    }

    /**
     * Reboots: deregisters, stays down for the reboot delay, then registers again. Does nothing if a reboot is
     * already under way.
     */
    public void reboot() {
        if (closed.get() || !rebooting.compareAndSet(false, true)) {
            return;
        }
        runtime.scheduler.schedule(this::shutDown, SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How long this device stays down on its next reboots, e.g. longer than a flow's wait for re-registration. */
    public void setRebootDelay(Duration delay) {
        this.rebootDelay = delay;
    }

    public int rebootCount() {
        return reboots.get();
    }

    public boolean isRebooting() {
        return rebooting.get();
    }

    private void shutDown() {
        client.stop(!radio.isOffline());
        tracker.down();
        runtime.scheduler.schedule(this::boot, rebootDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void boot() {
        List<Runnable> actions;
        synchronized (bootActions) {
            actions = new ArrayList<>(bootActions);
            bootActions.clear();
        }
        actions.forEach(Runnable::run);
        reboots.incrementAndGet();
        rebooting.set(false);
        if (!closed.get()) {
            client.start();
        }
    }

    private FirmwareInstaller firmwareInstaller() {
        return (version, atBoot) -> {
            synchronized (bootActions) {
                bootActions.add(() -> {
                    objects.device.setFirmwareVersion(version);
                    atBoot.run();
                });
            }
            reboot();
        };
    }

    // ---- objects, for assertions and for driving values

    public DeviceObject deviceObject() {
        return objects.device;
    }

    /** Instance 0 of an object given with {@link SimulatedFleet.Builder#storedObject}. */
    public StoredResources storedObject(int objectId) {
        StoredResources instance = objects.stored.get(objectId);
        if (instance == null) {
            throw new IllegalStateException(endpoint() + " was built without a stored object " + objectId);
        }
        return instance;
    }

    public FirmwareUpdate firmware() {
        return require(objects.firmware, SupportedObject.FIRMWARE_UPDATE);
    }

    /** Instance 0 of Software Management. */
    public SoftwareManagement software() {
        return software(0);
    }

    /** A Software Management instance, including ones the server created. */
    public SoftwareManagement software(int instanceId) {
        ObjectEnabler enabler = require(
                (ObjectEnabler) client.getObjectTree().getObjectEnabler(LwM2mId.SOFTWARE_MANAGEMENT),
                SupportedObject.SOFTWARE_MANAGEMENT);
        LwM2mInstanceEnabler instance = enabler.getInstance(instanceId);
        if (instance == null) {
            throw new IllegalArgumentException(endpoint() + " has no /9/" + instanceId);
        }
        return (SoftwareManagement) instance;
    }

    public ConnectivityMonitoring connectivity() {
        return require(objects.connectivity, SupportedObject.CONNECTIVITY_MONITORING);
    }

    public Location location() {
        return require(objects.location, SupportedObject.LOCATION);
    }

    public TemperatureSensor temperature() {
        return require(objects.temperature, SupportedObject.TEMPERATURE);
    }

    /** The underlying Leshan client, for what this API does not cover. */
    public LeshanClient leshanClient() {
        return client;
    }

    /** Advances the values that change by themselves; called from the fleet's sensor tick. */
    void tick(long tickNumber) {
        objects.tick(tickNumber);
    }

    @Override
    public String toString() {
        return "SimulatedDevice[" + endpoint() + (isRegistered() ? ", registered" : "") + "]";
    }

    private <T> T require(T object, SupportedObject which) {
        if (object == null) {
            throw new IllegalStateException(endpoint() + " was built without " + which);
        }
        return object;
    }
}
