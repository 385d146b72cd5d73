package io.dmflow.workers.job;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.dmflow.workers.store.ExecutionProgress;
import io.dmflow.workers.store.JobEffects;

/**
 * Runs one {@link DmflowJob} for the Camunda client: bounds the jobs in flight, answers a redelivered
 * job with the effect already recorded, completes with the job's outputs or reports its failure.
 */
public final class JobRunner implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final DmflowJob job;
    private final JobEffects effects;
    private final ExecutionProgress progress;
    private final JobFailures failures;
    private final JobLeases leases;
    private final Semaphore inFlight;

    public JobRunner(DmflowJob job, JobEffects effects, ExecutionProgress progress, JobFailures failures,
            JobLeases leases, int maxInFlight) {
        this.job = job;
        this.effects = effects;
        this.progress = progress;
        this.failures = failures;
        this.leases = leases;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void handle(JobClient client, ActivatedJob activated) throws InterruptedException {
        // Held from here, a wait for a free slot included; a job of a worker that dies is handed out again.
        JobLeases.Lease lease = leases.hold(activated.getKey());
        // Blocks the client's handler thread only when this type already has its maximum in flight.
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            lease.release();
            throw e;
        }
        JobInputs inputs = new JobInputs(activated.getType(), activated.getVariablesAsMap());
        JobIdentity identity = new JobIdentity(activated.getKey(), activated.getType(),
                activated.getProcessInstanceKey(), activated.getElementId(), activated.getRetries());
        CompletionStage<Map<String, Object>> outcome;
        try {
            inputs.executionId().ifPresent(progress::working);
            Optional<Map<String, Object>> applied = job.hasEffect() ? effects.applied(identity.key())
                    : Optional.empty();
            outcome = applied.isPresent() ? CompletableFuture.completedFuture(applied.get())
                    : job.run(inputs, identity).thenApply(outputs -> {
                        if (job.hasEffect()) {
                            effects.record(identity.key(), outputs);
                        }
                        return outputs;
                    });
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((outputs, failure) -> {
            try {
                if (failure == null) {
                    client.newCompleteCommand(activated.getKey()).variables(outputs).send().join();
                } else {
                    failures.report(client, activated, inputs, failure);
                }
            } catch (RuntimeException e) {
                // The engine did not take the answer; the job comes back at its timeout, and a job with an
                // effect is then answered from its record instead of being applied again.
                LOG.warn("Could not report job {} of type {} to the engine: {}", activated.getKey(),
                        activated.getType(), e.getMessage());
            } finally {
                inFlight.release();
                lease.release();
            }
        });
    }
}
