package io.dmflow.simulator.fleet;

import io.dmflow.lwm2m.model.ObjectModels;
import io.dmflow.simulator.object.device.DeviceIdentity;
import io.dmflow.simulator.object.stored.StoredResources;
import io.dmflow.simulator.security.DeviceCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.eclipse.californium.elements.util.DaemonThreadFactory;

/**
 * A fleet of simulated LwM2M devices sharing one set of threads, one object model and one Californium configuration.
 *
 * <pre>
 * try (SimulatedFleet fleet = SimulatedFleet.builder()
 *         .serverUri("coap://127.0.0.1:" + port)
 *         .endpointPrefix("sim-").count(100)
 *         .build()) {
 *     fleet.start();
 *     fleet.awaitRegistered(Duration.ofSeconds(30));
 *     SimulatedDevice first = fleet.device("sim-0");
 * }
 * </pre>
 */
public final class SimulatedFleet implements AutoCloseable {

    private final FleetRuntime runtime;
    private final Map<String, SimulatedDevice> devices;
    private final AtomicInteger registered = new AtomicInteger();
    private final Object registrationMonitor = new Object();
    private final int startsPerSecond;
    private final ScheduledFuture<?> sensorTick;

    private SimulatedFleet(Builder builder) {
        this.runtime = new FleetRuntime(
                builder.schedulerThreads,
                builder.coapThreads,
                builder.maxPackageBytes,
                builder.bindAddress(),
                builder.httpsTrust,
                builder.downloadTimeout,
                builder.models,
                builder.objectVersions);
        this.startsPerSecond = builder.startsPerSecond;
        Map<String, SimulatedDevice> created = new LinkedHashMap<>();
        try {
            for (DeviceSettings settings : builder.deviceSettings()) {
                created.put(settings.endpoint(), new SimulatedDevice(settings, runtime, this::registrationChanged));
            }
        } catch (RuntimeException e) {
            created.values().forEach(d -> d.close(false));
            runtime.close();
            throw e;
        }
        this.devices = Collections.unmodifiableMap(created);
        AtomicLong ticks = new AtomicLong();
        long period = builder.sensorPeriod.toMillis();
        this.sensorTick = runtime.scheduler.scheduleAtFixedRate(
                () -> {
                    long tick = ticks.getAndIncrement();
                    for (SimulatedDevice device : devices.values()) {
                        device.tick(tick);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts every device; registration continues asynchronously (see {@link #awaitRegistered(Duration)}). */
    public SimulatedFleet start() {
        if (startsPerSecond > 0) {
            startPaced();
        } else {
            startAtOnce();
        }
        return this;
    }

    private void startPaced() {
        long pauseNanos = 1_000_000_000L / startsPerSecond;
        for (SimulatedDevice device : devices.values()) {
            device.start();
            try {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // Starting a client binds a socket and starts its two UDP threads, mostly kernel work: a few threads overlap it.
    private void startAtOnce() {
        int threads = Math.min(4, Math.max(1, devices.size() / 100));
        if (threads == 1) {
            devices.values().forEach(SimulatedDevice::start);
            return;
        }
        ExecutorService starters = Executors.newFixedThreadPool(threads, new DaemonThreadFactory("sim-start#"));
        try {
            List<Future<?>> started = new ArrayList<>(devices.size());
            for (SimulatedDevice device : devices.values()) {
                started.add(starters.submit(device::start));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a device failed to start", e.getCause());
        } finally {
            starters.shutdownNow();
        }
    }

    /**
     * Waits until every device holds a registration, as seen by the devices themselves (their 2.01 arrived).
     *
     * @throws IllegalStateException on timeout, naming how many registered
     */
    public SimulatedFleet awaitRegistered(Duration timeout) {
        if (!awaitRegisteredCount(devices.size(), timeout)) {
            throw new IllegalStateException(
                    "only " + registered.get() + " of " + devices.size() + " devices registered within " + timeout);
        }
        return this;
    }

    /** Waits until at least {@code count} devices hold a registration; false on timeout. */
    public boolean awaitRegisteredCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (registrationMonitor) {
            while (registered.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    registrationMonitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** How many devices hold a registration right now. */
    public int registeredCount() {
        return registered.get();
    }

    public int size() {
        return devices.size();
    }

    /** All devices, in endpoint order of creation. */
    public List<SimulatedDevice> devices() {
        return new ArrayList<>(devices.values());
    }

    public SimulatedDevice device(String endpoint) {
        SimulatedDevice device = devices.get(endpoint);
        if (device == null) {
            throw new IllegalArgumentException("no simulated device " + endpoint);
        }
        return device;
    }

    /** The only device of a one-device fleet. */
    public SimulatedDevice device() {
        if (devices.size() != 1) {
            throw new IllegalStateException("the fleet has " + devices.size() + " devices; name one");
        }
        return devices.values().iterator().next();
    }

    /** Deregisters every device (in parallel, bounded in time) and releases all threads and sockets. */
    @Override
    public void close() {
        sensorTick.cancel(false);
        // Deregistration waits up to a second per device when the server is gone: close many at once.
        ExecutorService closer = Executors.newFixedThreadPool(
                Math.min(64, Math.max(1, devices.size())), new DaemonThreadFactory("sim-close#"));
        try {
            devices.values().forEach(d -> closer.execute(d::close));
            closer.shutdown();
            closer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closer.shutdownNow();
            runtime.close();
        }
    }

    private void registrationChanged(int delta) {
        registered.addAndGet(delta);
        synchronized (registrationMonitor) {
            registrationMonitor.notifyAll();
        }
    }

    /** Builds a fleet; every setting has a default suited to tests on loopback. */
    public static final class Builder {

        private URI serverUri;
        private URI bootstrapUri;
        private String endpoint;
        private String prefix = "sim-";
        private int count = 1;
        private int firstIndex;
        private Duration lifetime = Duration.ofMinutes(5);
        private boolean queueMode;
        private Duration awakeTime = Duration.ofSeconds(93);
        private Set<SupportedObject> objects = EnumSet.allOf(SupportedObject.class);
        private final Map<Integer, String> objectVersions = new TreeMap<>();
        private ObjectModels models = ObjectModels.bundled();
        private final Set<Integer> storedObjects = new TreeSet<>();
        private Duration rebootDelay = Duration.ofMillis(500);
        private Duration linkLatency = Duration.ZERO;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration registrationRetry = Duration.ofSeconds(30);
        private boolean retainPackageBytes = true;
        private InetAddress bindAddress;
        private int schedulerThreads = 8;
        private int coapThreads = 2;
        private int maxPackageBytes = 16 * 1024 * 1024;
        private Duration downloadTimeout = Duration.ofMinutes(5);
        private SSLContext httpsTrust;
        private Duration sensorPeriod = Duration.ofSeconds(5);
        private int startsPerSecond;
        private String manufacturer = "dmflow";
        private String modelNumber = "sim-1";
        private String firmwareVersion = "1.0.0";
        private Function<String, DeviceCredentials> credentials = endpointName -> DeviceCredentials.none();

        private Builder() {}

        /** The LwM2M server, e.g. {@code coap://127.0.0.1:5683}. Required. */
        public Builder serverUri(String uri) {
            return serverUri(URI.create(uri));
        }

        /** {@code coap://} for NoSec devices, {@code coaps://} for devices with {@link #credentials credentials}. */
        public Builder serverUri(URI uri) {
            if (!"coap".equals(uri.getScheme()) && !"coaps".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the server must be coap:// or coaps://, not " + uri);
            }
            this.serverUri = uri;
            this.bootstrapUri = null;
            return this;
        }

        /**
         * Devices that know only a bootstrap server ({@code coap://} or {@code coaps://}): they bootstrap at start and
         * register with the management server the bootstrap server gives them. Replaces {@link #serverUri}.
         */
        public Builder bootstrapServerUri(String uri) {
            URI parsed = URI.create(uri);
            if (!"coap".equals(parsed.getScheme()) && !"coaps".equals(parsed.getScheme())) {
                throw new IllegalArgumentException("the bootstrap server must be coap:// or coaps://, not " + uri);
            }
            this.bootstrapUri = parsed;
            this.serverUri = null;
            return this;
        }

        /**
         * Credentials per endpoint name, e.g. {@code ep -> DeviceCredentials.psk(ep, keyOf(ep))}; NoSec by default.
         * Their scheme must match the server URI's.
         */
        public Builder credentials(Function<String, DeviceCredentials> perEndpoint) {
            this.credentials = perEndpoint;
            return this;
        }

        /** A single device with exactly this endpoint name (instead of prefix and count). */
        public Builder endpoint(String endpointName) {
            this.endpoint = endpointName;
            this.count = 1;
            return this;
        }

        /** Devices are named prefix + index: {@code sim-0}, {@code sim-1}, ... */
        public Builder endpointPrefix(String endpointPrefix) {
            this.prefix = endpointPrefix;
            this.endpoint = null;
            return this;
        }

        public Builder count(int devices) {
            if (devices < 1) {
                throw new IllegalArgumentException("a fleet has at least one device");
            }
            this.count = devices;
            return this;
        }

        /** Index of the first device, to run several fleets with disjoint names. */
        public Builder firstIndex(int index) {
            this.firstIndex = index;
            return this;
        }

        public Builder lifetime(Duration registrationLifetime) {
            this.lifetime = registrationLifetime;
            return this;
        }

        /** Queue mode (LwM2M 1.1 "Q"): the device sleeps after {@code awake} without traffic. */
        public Builder queueMode(Duration awake) {
            this.queueMode = true;
            this.awakeTime = awake;
            return this;
        }

        /** The objects besides Security, Server and Device; all of them by default. */
        public Builder objects(SupportedObject... supported) {
            this.objects =
                    supported.length == 0 ? EnumSet.noneOf(SupportedObject.class) : EnumSet.of(supported[0], supported);
            return this;
        }

        /**
         * The version of an object the devices implement and announce, instead of the newest dmflow knows, e.g.
         * {@code objectVersion(5, "1.0")} for Firmware Update 1.0. Older versions have fewer resources; the devices
         * expose only those.
         *
         * @throws IllegalArgumentException if no definition of that version is known
         */
        public Builder objectVersion(int objectId, String version) {
            ObjectModels.bundled().model(Map.of(objectId, version)); // refuses an unknown version here, not at build
            objectVersions.put(objectId, version);
            return this;
        }

        /** The object definitions the devices know, e.g. {@link ObjectModels#withDirectory} with a vendor's DDF files. */
        public Builder objectModels(ObjectModels definitions) {
            this.models = definitions;
            return this;
        }

        /**
         * Gives every device an instance 0 of an object the simulator has no behaviour for (a vendor object known to
         * {@link #objectModels}): its string resources keep what the server writes; see {@link StoredResources}.
         *
         * @throws IllegalArgumentException if the object is not defined
         */
        public Builder storedObject(int objectId) {
            if (models.model().getObjectModel(objectId) == null) {
                throw new IllegalArgumentException("No definition of object " + objectId + " (set objectModels first)");
            }
            storedObjects.add(objectId);
            return this;
        }

        /** How long a device stays down when it reboots (Reboot, or after a firmware update). */
        public Builder rebootDelay(Duration delay) {
            this.rebootDelay = delay;
            return this;
        }

        /**
         * How much later than on loopback each device's datagrams leave, so that a block-wise transfer or a chain of
         * requests takes as long as over a real network's round trip (default: none).
         */
        public Builder linkLatency(Duration latency) {
            this.linkLatency = latency;
            return this;
        }

        /** Timeout of the device's own register/update requests. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Wait before a device retries a failed registration (Leshan's default is 10 minutes). */
        public Builder registrationRetry(Duration wait) {
            this.registrationRetry = wait;
            return this;
        }

        /** Keep received package bytes for assertions (default); turn off for large fleets. */
        public Builder retainPackageBytes(boolean retain) {
            this.retainPackageBytes = retain;
            return this;
        }

        /** Local address of the devices' sockets; defaults to 127.0.0.1 for a loopback server, else any. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = address;
            return this;
        }

        /** Threads shared by all devices for registration, timers and notifications. */
        public Builder schedulerThreads(int threads) {
            this.schedulerThreads = threads;
            return this;
        }

        /** Threads shared by all devices for the CoAP protocol stage. */
        public Builder coapThreads(int threads) {
            this.coapThreads = threads;
            return this;
        }

        /** Largest package a device accepts, pushed or pulled (default 16 MiB). */
        public Builder maxPackageBytes(int bytes) {
            this.maxPackageBytes = bytes;
            return this;
        }

        public Builder downloadTimeout(Duration timeout) {
            this.downloadTimeout = timeout;
            return this;
        }

        /** Trust for HTTPS package servers (e.g. a test's self-signed certificate). */
        public Builder httpsTrust(SSLContext sslContext) {
            this.httpsTrust = sslContext;
            return this;
        }

        /** How often sensor values (temperature, signal strength) change. */
        public Builder sensorPeriod(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the sensor period must be positive, not " + period);
            }
            this.sensorPeriod = period;
            return this;
        }

        /** Paces {@link SimulatedFleet#start()}; 0 (default) starts all at once. */
        public Builder startsPerSecond(int rate) {
            this.startsPerSecond = rate;
            return this;
        }

        public Builder manufacturer(String name) {
            this.manufacturer = name;
            return this;
        }

        public Builder modelNumber(String model) {
            this.modelNumber = model;
            return this;
        }

        /** The firmware version devices report before any update. */
        public Builder firmwareVersion(String version) {
            this.firmwareVersion = version;
            return this;
        }

        public SimulatedFleet build() {
            if (serverUri == null && bootstrapUri == null) {
                throw new IllegalStateException("serverUri or bootstrapServerUri is required");
            }
            return new SimulatedFleet(this);
        }

        List<DeviceSettings> deviceSettings() {
            InetAddress bind = bindAddress();
            List<DeviceSettings> settings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = firstIndex + i;
                String name = endpoint != null ? endpoint : prefix + index;
                DeviceIdentity identity = new DeviceIdentity(
                        manufacturer,
                        modelNumber,
                        "SN-" + name,
                        firmwareVersion,
                        "hw-1",
                        "sw-1.0.0",
                        "simulated sensor");
                DeviceCredentials deviceCredentials = credentials.apply(name);
                URI firstContact = firstContact();
                if (!deviceCredentials.scheme().equals(firstContact.getScheme())) {
                    throw new IllegalArgumentException(
                            name + " has " + deviceCredentials + " credentials, which need a "
                                    + deviceCredentials.scheme() + ":// server, not " + firstContact);
                }
                settings.add(new DeviceSettings(
                        name,
                        index,
                        serverUri,
                        bootstrapUri,
                        bind,
                        lifetime,
                        queueMode,
                        awakeTime,
                        objects,
                        Set.copyOf(storedObjects),
                        identity,
                        rebootDelay,
                        linkLatency,
                        requestTimeout,
                        registrationRetry,
                        retainPackageBytes,
                        deviceCredentials));
            }
            return settings;
        }

        InetAddress bindAddress() {
            if (bindAddress != null) {
                return bindAddress;
            }
            try {
                InetAddress server = InetAddress.getByName(firstContact().getHost());
                return server.isLoopbackAddress()
                        ? InetAddress.getByName("127.0.0.1")
                        : InetAddress.getByName("0.0.0.0");
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve the server host of " + firstContact(), e);
            }
        }

        /** The server a device talks to first. */
        private URI firstContact() {
            return bootstrapUri != null ? bootstrapUri : serverUri;
        }
    }
}
