package io.dmflow.engine.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.dmflow.engine.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the throughput benchmark of the README. A process of three service tasks, workers
 * in the same JVM through the Camunda client over REST, embedded PostgreSQL. Run with
 * {@code ./mvnw -pl engine -am verify -Pbenchmark -Dtest=EngineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (system properties: benchmark.seconds, benchmark.warmup, benchmark.inflight, benchmark.rate,
 * benchmark.pollInterval).
 *
 * Activation latency runs from the moment the command that creates the job was sent (create
 * instance, or the previous task's complete: the job is created in that transaction) to the
 * moment the engine activated it (its deadline minus the requested timeout). Worker-side
 * queueing is not included; the HTTP round trip of the creating command is.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(PostgresTestResource.class)
class EngineBenchmark {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(1);

    @TestHTTPResource("/")
    URL applicationUrl;

    @Test
    void threeServiceTasks() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        int warmup = Integer.getInteger("benchmark.warmup", 10);
        int inflight = Integer.getInteger("benchmark.inflight", 150);
        // 0: as fast as the in-flight bound allows (throughput); otherwise a steady rate (latency)
        int rate = Integer.getInteger("benchmark.rate", 0);
        // the client's default is 100 ms; it waits that long after an empty poll (see the README)
        Duration pollInterval = Duration.ofMillis(Long.getLong("benchmark.pollInterval", 100));
        try (CamundaClient client = CamundaClient.newClientBuilder()
                .restAddress(URI.create(applicationUrl.toString()))
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .build()) {
            client.newDeployResourceCommand()
                    .addProcessModel(
                            Bpmn.createExecutableProcess("benchmark")
                                    .startEvent()
                                    .serviceTask("t1", t -> t.zeebeJobType("bench-1"))
                                    .serviceTask("t2", t -> t.zeebeJobType("bench-2"))
                                    .serviceTask("t3", t -> t.zeebeJobType("bench-3"))
                                    .endEvent()
                                    .done(),
                            "benchmark.bpmn")
                    .send()
                    .join();

            Semaphore slots = new Semaphore(inflight);
            Map<Long, Long> jobCreatedAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong jobs = new AtomicLong();
            AtomicLong instances = new AtomicLong();
            volatile_flag measuring = new volatile_flag();
            List<JobWorker> workers = new ArrayList<>();
            for (int task = 1; task <= 3; task++) {
                boolean last = task == 3;
                workers.add(client.newWorker()
                        .jobType("bench-" + task)
                        .handler((c, job) -> {
                            // activation time by the engine's clock: the deadline it set minus the timeout asked for
                            long activatedAt = job.getDeadline() - JOB_TIMEOUT.toMillis();
                            Long created = jobCreatedAt.remove(job.getProcessInstanceKey());
                            if (created != null && measuring.on) {
                                latencies.add(activatedAt - created);
                            }
                            if (!last) {
                                jobCreatedAt.put(job.getProcessInstanceKey(), System.currentTimeMillis());
                            }
                            c.newCompleteCommand(job).send().whenComplete((ok, error) -> {
                                if (measuring.on && error == null) jobs.incrementAndGet();
                                if (last) {
                                    if (measuring.on && error == null) instances.incrementAndGet();
                                    slots.release();
                                }
                            });
                        })
                        .maxJobsActive(64)
                        .timeout(JOB_TIMEOUT)
                        .pollInterval(pollInterval)
                        .open());
            }

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup + seconds);
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            Thread starter = new Thread(() -> {
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                    if (rate > 0) {
                        next += 1_000_000_000L / rate;
                        long wait = next - System.nanoTime();
                        if (wait > 0) LockSupport.parkNanos(wait);
                    }
                    try {
                        if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long sentAt = System.currentTimeMillis();
                    client.newCreateInstanceCommand()
                            .bpmnProcessId("benchmark")
                            .latestVersion()
                            .send()
                            .whenComplete((event, error) -> {
                                if (error != null) {
                                    slots.release();
                                } else {
                                    // the worker may have seen the job already; then there is nothing to measure
                                    // against
                                    jobCreatedAt.putIfAbsent(event.getProcessInstanceKey(), sentAt);
                                }
                            });
                }
            });
            starter.start();
            while (System.nanoTime() < measureFrom) Thread.sleep(50);
            measuring.on = true;
            long started = System.nanoTime();
            starter.join();
            double elapsed = (System.nanoTime() - started) / 1e9;
            measuring.on = false;
            workers.forEach(JobWorker::close);

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    "%nBENCHMARK three service tasks, %d s measured after %d s warm-up, at most %d instances in "
                            + "flight, %s, worker poll interval %d ms%n",
                    seconds,
                    warmup,
                    inflight,
                    rate > 0 ? "started at " + rate + "/s" : "started as fast as possible",
                    pollInterval.toMillis());
            System.out.printf("BENCHMARK process instances/s: %.1f%n", instances.get() / elapsed);
            System.out.printf("BENCHMARK jobs/s:              %.1f%n", jobs.get() / elapsed);
            if (!sorted.isEmpty()) {
                System.out.printf(
                        "BENCHMARK activation latency p50: %.1f ms, p99: %.1f ms (%d samples)%n",
                        (double) sorted.get(sorted.size() / 2),
                        (double) sorted.get((int) (sorted.size() * 0.99)),
                        sorted.size());
            }
        }
    }

    private static final class volatile_flag {
        volatile boolean on;
    }
}
