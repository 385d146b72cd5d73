package io.dmflow.workers.job;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the jobs this worker works on held in the engine: while a job runs, its timeout is renewed every third
 * of it. The job timeout then only says how soon the jobs of a worker that died (a crash, a kill) are handed out
 * again, and need not outlast the slowest device operation.
 */
public final class JobLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

    private final CamundaClient client;
    private final Duration timeout;
    private final ScheduledExecutorService renewals;

    public JobLeases(CamundaClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        this.renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dmflow-job-leases");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A job held by this worker, until it is answered or given up. */
    public interface Lease {
        void release();
    }

    /** Renews the job's timeout until the lease is released. */
    public Lease hold(long jobKey) {
        long period = Math.max(1, timeout.toMillis() / 3);
        ScheduledFuture<?> renewal =
                renewals.scheduleAtFixedRate(() -> renew(jobKey), period, period, TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    private void renew(long jobKey) {
        client.newUpdateTimeoutCommand(jobKey).timeout(timeout).send().whenComplete((response, failure) -> {
            if (failure != null) {
                // Answered meanwhile, or the engine is away: the job then comes back at its timeout.
                LOG.debug("Could not renew job {}: {}", jobKey, failure.getMessage());
            }
        });
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }
}
