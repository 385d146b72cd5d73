package io.dmflow.workers.job;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.lwm2m.operation.AdapterFault;
import io.dmflow.lwm2m.operation.DeviceErrorResponse;
import io.dmflow.lwm2m.operation.DownlinkFailure;
import io.dmflow.lwm2m.operation.InvalidOperation;
import io.dmflow.workers.store.ExecutionProgress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps why a job did not succeed to what the flow sees: {@code DOWNLINK_FAILURE} (no retry consumed; the
 * execution now waits for its device), {@code LWM2M_ERROR} with {@code lwm2mStatus} and {@code lwm2mMessage}, the error a
 * {@link JobRefusal} names, an incident for a job the flow got wrong, and a failure with retries and
 * back-off for dmflow's own faults.
 */
public final class JobFailures {

    private static final Logger LOG = LoggerFactory.getLogger(JobFailures.class);

    private final ExecutionProgress progress;
    private final Duration retryBackoff;

    public JobFailures(ExecutionProgress progress, Duration retryBackoff) {
        this.progress = progress;
        this.retryBackoff = retryBackoff;
    }

    public void report(JobClient client, ActivatedJob job, JobInputs inputs, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DownlinkFailure downlink) {
            inputs.executionId()
                    .ifPresent(id -> progress.waitingForDevice(id, downlink.endpoint(), downlink.getMessage()));
            client.newThrowErrorCommand(job.getKey())
                    .errorCode(BpmnErrorCode.DOWNLINK_FAILURE)
                    .errorMessage(downlink.getMessage())
                    .send()
                    .join();
        } else if (cause instanceof DeviceErrorResponse answer) {
            client.newThrowErrorCommand(job.getKey())
                    .errorCode(BpmnErrorCode.LWM2M_ERROR)
                    .errorMessage(answer.getMessage())
                    .variables(Map.of(
                            BpmnErrorCode.LWM2M_STATUS_VARIABLE,
                            answer.status(),
                            BpmnErrorCode.LWM2M_MESSAGE_VARIABLE,
                            answer.getMessage()))
                    .send()
                    .join();
        } else if (cause instanceof JobRefusal refusal) {
            client.newThrowErrorCommand(job.getKey())
                    .errorCode(refusal.errorCode())
                    .errorMessage(refusal.getMessage())
                    .variables(refusal.variables())
                    .send()
                    .join();
        } else if (cause instanceof InvalidJobInput || cause instanceof InvalidOperation) {
            // Retrying cannot mend the flow's own mistake: an incident at once, for an operator to fix.
            client.newFailCommand(job.getKey())
                    .retries(0)
                    .errorMessage(message(job, cause))
                    .send()
                    .join();
        } else {
            if (!(cause instanceof AdapterFault)) {
                LOG.warn("Job {} of type {} failed", job.getKey(), job.getType(), cause);
            }
            int retries = Math.max(0, job.getRetries() - 1);
            client.newFailCommand(job.getKey())
                    .retries(retries)
                    .retryBackoff(retries == 0 ? Duration.ZERO : retryBackoff)
                    .errorMessage(message(job, cause))
                    .send()
                    .join();
        }
    }

    private static String message(ActivatedJob job, Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.startsWith(job.getType()) ? text : job.getType() + ": " + text;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
