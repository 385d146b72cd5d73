package io.dmflow.lwm2m.benchmark;

import io.dmflow.lwm2m.delivery.InMemoryPackageSource;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.OperationTimeouts;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerInternals;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the adapter beside raw Leshan in one run, on 1000 simulated devices over UDP loopback.
 * Run with {@code ./mvnw -pl lwm2m-adapter -am verify -Pbenchmark -Dtest=AdapterBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class AdapterBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 1000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    private static final int MIB = 1024 * 1024;

    @Test
    void readsAndPushes() throws Exception {
        long heapBefore = usedHeapAfterGc();
        try (DeviceManagementServer server = DeviceManagementServer.builder(ServerSettings.loopback())
                .timeouts(new OperationTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(2)))
                .build()) {
            server.start();
            long registrationStart = System.nanoTime();
            try (SimulatedFleet fleet = SimulatedFleet.builder()
                    .serverUri(server.coapUri().orElseThrow())
                    .endpointPrefix("bench-")
                    .count(DEVICES)
                    .objects(SupportedObject.FIRMWARE_UPDATE)
                    .lifetime(Duration.ofMinutes(30))
                    .maxPackageBytes(2 * MIB)
                    .build()
                    .start()) {
                if (!fleet.awaitRegisteredCount(DEVICES, Duration.ofMinutes(2))) {
                    throw new AssertionError("only " + fleet.registeredCount() + " of " + DEVICES + " registered");
                }
                double registrationSeconds = (System.nanoTime() - registrationStart) / 1e9;
                while (ServerInternals.leshan(server).getRegistrationService().getByEndpoint("bench-" + (DEVICES - 1))
                        == null) {
                    Thread.sleep(10);
                }
                long heapPerDevice = (usedHeapAfterGc() - heapBefore) / DEVICES;

                List<String> endpoints = new ArrayList<>();
                for (int i = 0; i < DEVICES; i++) {
                    endpoints.add("bench-" + i);
                }
                // Warm both paths before measuring.
                rawReads(ServerInternals.leshan(server), endpoints);
                adapterReads(server.operations(), endpoints);

                List<Double> raw = new ArrayList<>();
                List<Double> adapter = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    raw.add(rawReads(ServerInternals.leshan(server), endpoints));
                    adapter.add(adapterReads(server.operations(), endpoints));
                }

                byte[] image = PackageFormat.build("bench", "1.0", MIB);
                List<Double> rawPush = new ArrayList<>();
                List<Double> adapterPush = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    rawPush.add(rawPush(ServerInternals.leshan(server), "bench-" + (2 * round), image));
                    adapterPush.add(adapterPush(server, "bench-" + (2 * round + 1), image));
                }

                double rawMedian = median(raw);
                double adapterMedian = median(adapter);
                System.out.println();
                System.out.println(
                        "=== lwm2m-adapter benchmark (" + DEVICES + " devices, " + ROUNDS + " rounds, medians) ===");
                System.out.printf(
                        "registration          %.2f s for %d devices = %.0f registrations/s%n",
                        registrationSeconds, DEVICES, DEVICES / registrationSeconds);
                System.out.printf(
                        "heap per device       %d KiB (simulated client and server registration, one JVM)%n",
                        heapPerDevice / 1024);
                System.out.printf("read /3/0/0 raw       %.0f reads/s   rounds %s%n", rawMedian, format(raw));
                System.out.printf("read /3/0/0 adapter   %.0f reads/s   rounds %s%n", adapterMedian, format(adapter));
                System.out.printf("adapter / raw         %.2f%n", adapterMedian / rawMedian);
                System.out.printf("push 1 MiB raw        %.3f s   rounds %s%n", median(rawPush), format(rawPush));
                System.out.printf(
                        "push 1 MiB adapter    %.3f s   rounds %s%n", median(adapterPush), format(adapterPush));
                System.out.printf("adapter / raw (time)  %.2f%n", median(adapterPush) / median(rawPush));
                System.out.println();
            }
        }
    }

    private static double rawReads(LeshanServer leshan, List<String> endpoints) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<LwM2mResponse>> answers = new ArrayList<>(endpoints.size());
        long start = System.nanoTime();
        for (String endpoint : endpoints) {
            Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
            CompletableFuture<LwM2mResponse> answer = new CompletableFuture<>();
            leshan.send(registration, new ReadRequest(3, 0, 0), 10_000, answer::complete, error -> {
                failures.incrementAndGet();
                answer.complete(null);
            });
            answers.add(answer);
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " raw reads failed");
        }
        return endpoints.size() / seconds;
    }

    private static double adapterReads(DeviceClient operations, List<String> endpoints) throws Exception {
        List<CompletableFuture<?>> answers = new ArrayList<>(endpoints.size());
        long start = System.nanoTime();
        for (String endpoint : endpoints) {
            answers.add(operations.read(endpoint, "/3/0/0"));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return endpoints.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double rawPush(LeshanServer leshan, String endpoint, byte[] image) throws Exception {
        Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
        long start = System.nanoTime();
        LwM2mResponse response = leshan.send(
                registration,
                new WriteRequest(
                        WriteRequest.Mode.REPLACE,
                        ContentFormat.OPAQUE,
                        new org.eclipse.leshan.core.node.LwM2mPath(5, 0, 0),
                        LwM2mSingleResource.newBinaryResource(0, image)),
                120_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response == null || !response.isSuccess()) {
            throw new AssertionError("raw push failed: " + response);
        }
        return seconds;
    }

    private static double adapterPush(DeviceManagementServer server, String endpoint, byte[] image) throws Exception {
        PackageSource source = new InMemoryPackageSource("bench", image);
        long start = System.nanoTime();
        server.delivery().push(endpoint, "/5/0/0", source).get(120, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e9;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream()
                .map(value -> value >= 100 ? String.format("%.0f", value) : String.format("%.3f", value))
                .toList()
                .toString();
    }
}
