package io.dmflow.simulator.cli;

import io.dmflow.simulator.fleet.SimulatedFleet;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a fleet of simulated devices against an LwM2M server until interrupted, printing how many are registered.
 *
 * <pre>
 * java -jar simulator/target/dmflow-simulator.jar --server coap://127.0.0.1:5683 --count 1000 --prefix sim-
 * </pre>
 */
@Command(
        name = "dmflow-simulator",
        mixinStandardHelpOptions = true,
        description = "Simulated LwM2M devices (Leshan client) for demos and load.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "LwM2M server URI, e.g. coap://127.0.0.1:5683")
    String server;

    @Option(names = "--count", defaultValue = "1", description = "Number of devices (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--prefix", defaultValue = "sim-", description = "Endpoint name prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--first-index", defaultValue = "0", description = "Index of the first device")
    int firstIndex;

    @Option(names = "--lifetime", defaultValue = "300", description = "Registration lifetime in seconds")
    long lifetimeSeconds;

    @Option(names = "--queue-mode", description = "Queue mode: sleep after this many seconds without traffic")
    Long awakeSeconds;

    @Option(names = "--bind", description = "Local address for the devices' sockets")
    InetAddress bind;

    @Option(names = "--threads", defaultValue = "8", description = "Shared device threads")
    int threads;

    @Option(names = "--coap-threads", defaultValue = "2", description = "Shared CoAP protocol threads")
    int coapThreads;

    @Option(names = "--rate", defaultValue = "0", description = "Device starts per second, 0 = all at once")
    int rate;

    @Option(names = "--sensor-period", defaultValue = "5", description = "Seconds between sensor value changes")
    long sensorSeconds;

    @Option(
            names = "--link-latency",
            defaultValue = "0",
            description = "Milliseconds each datagram of a device is held back, like a slow link's round trip")
    long linkLatencyMillis;

    @Option(names = "--report-every", defaultValue = "5", description = "Seconds between status lines")
    long reportSeconds;

    @Option(
            names = "--object-version",
            paramLabel = "ID=VERSION",
            description = "An older object version the devices implement, e.g. 5=1.0 (repeatable)")
    Map<Integer, String> objectVersions = new LinkedHashMap<>();

    @Option(names = "--duration", description = "Stop after this many seconds instead of waiting for Ctrl-C")
    Long durationSeconds;

    private final PrintWriter out;

    SimulatorCommand(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(new CommandLine(new SimulatorCommand(out)).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        long heapBefore = usedHeap();
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(server)
                .endpointPrefix(prefix)
                .count(count)
                .firstIndex(firstIndex)
                .lifetime(Duration.ofSeconds(lifetimeSeconds))
                .schedulerThreads(threads)
                .coapThreads(coapThreads)
                .startsPerSecond(rate)
                .sensorPeriod(Duration.ofSeconds(sensorSeconds))
                .linkLatency(Duration.ofMillis(linkLatencyMillis))
                .retainPackageBytes(false); // a fleet under load keeps digests, not images
        if (awakeSeconds != null) {
            builder.queueMode(Duration.ofSeconds(awakeSeconds));
        }
        if (bind != null) {
            builder.bindAddress(bind);
        }
        objectVersions.forEach(builder::objectVersion);

        long buildNanos = System.nanoTime();
        SimulatedFleet fleet = builder.build();
        double buildSeconds = (System.nanoTime() - buildNanos) / 1e9;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(
                () -> {
                    out.println("stopping: deregistering " + fleet.size() + " devices");
                    fleet.close();
                    stopped.countDown();
                },
                "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        long startNanos = System.nanoTime();
        out.printf(
                "starting %d devices %s%d..%s%d against %s%n",
                count, prefix, firstIndex, prefix, firstIndex + count - 1, server);
        fleet.start();
        out.printf(
                "built in %.2f s, sockets bound and registrations sent in %.2f s%n",
                buildSeconds, (System.nanoTime() - startNanos) / 1e9);

        boolean allReported = false;
        long deadline =
                durationSeconds == null ? Long.MAX_VALUE : startNanos + TimeUnit.SECONDS.toNanos(durationSeconds);
        while (System.nanoTime() < deadline) {
            long wait = Math.min(TimeUnit.SECONDS.toNanos(reportSeconds), deadline - System.nanoTime());
            boolean all = fleet.awaitRegisteredCount(count, Duration.ofNanos(Math.max(1, wait)));
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            if (all && !allReported) {
                allReported = true;
                long heapPerDevice = (usedHeap() - heapBefore) / count;
                out.printf(
                        "all %d registered in %.2f s (%.0f registrations/s), heap ~%d KiB per device, %d threads%n",
                        count, elapsed, count / elapsed, heapPerDevice / 1024, Thread.activeCount());
                if (durationSeconds == null) {
                    // from here on, one status line per period
                    TimeUnit.SECONDS.sleep(reportSeconds);
                }
            } else {
                out.printf("%.1f s: %d/%d registered%n", elapsed, fleet.registeredCount(), count);
                if (all) {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(wait, deadline - System.nanoTime())));
                }
            }
        }
        Runtime.getRuntime().removeShutdownHook(shutdown);
        shutdown.run();
        stopped.await();
        return allReported ? 0 : 1;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
