package io.dmflow.workers.job;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.dmflow.workers.store.ExecutionProgress;
import io.dmflow.workers.store.JobEffects;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final Executor answers;

    public JobRunner(
            DmflowJob job,
            JobEffects effects,
            ExecutionProgress progress,
            JobFailures failures,
            JobLeases leases,
            int maxInFlight,
            Executor answers) {
        this.job = job;
        this.effects = effects;
        this.progress = progress;
        this.failures = failures;
        this.leases = leases;
        this.inFlight = new Semaphore(maxInFlight);
        this.answers = answers;
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
        JobIdentity identity = new JobIdentity(
                activated.getKey(),
                activated.getType(),
                activated.getProcessInstanceKey(),
                activated.getElementId(),
                activated.getRetries());
        CompletionStage<Map<String, Object>> outcome;
        boolean replayed = false;
        try {
            if (job.resumesExecution()) {
                inputs.executionId().ifPresent(progress::working);
            }
            Optional<Map<String, Object>> applied =
                    job.hasEffect() ? effects.applied(identity.key()) : Optional.empty();
            replayed = applied.isPresent();
            outcome = replayed ? CompletableFuture.completedFuture(applied.get()) : job.run(inputs, identity);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        boolean record = job.hasEffect() && !replayed;
        // The device's answer arrives on a thread of the LwM2M server: the answer to the engine is given elsewhere,
        // so that devices are never kept waiting for a database write or an HTTP round trip.
        Runnable release = () -> {
            inFlight.release();
            lease.release();
        };
        outcome.whenCompleteAsync(
                (outputs, failure) -> answer(client, activated, inputs, record, outputs, failure, release), answers);
    }

    private void answer(
            JobClient client,
            ActivatedJob activated,
            JobInputs inputs,
            boolean record,
            Map<String, Object> outputs,
            Throwable failure,
            Runnable release) {
        try {
            if (failure == null && record) {
                effects.record(activated.getKey(), outputs);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            if (failure == null) {
                client.newCompleteCommand(activated.getKey())
                        .variables(outputs)
                        .send()
                        .whenComplete((done, refused) -> {
                            if (refused != null) {
                                notTaken(activated, refused);
                            }
                            release.run();
                        });
                return;
            }
            failures.report(client, activated, inputs, failure);
        } catch (RuntimeException e) {
            notTaken(activated, e);
        }
        release.run();
    }

    /**
     * The engine did not take the answer; the job comes back at its timeout, and a job with an effect is then
     * answered from its record instead of being applied again.
     */
    private static void notTaken(ActivatedJob activated, Throwable cause) {
        LOG.warn(
                "Could not report job {} of type {} to the engine: {}",
                activated.getKey(),
                activated.getType(),
                cause.getMessage());
    }
}
