package io.dmflow.engine.command;

import io.dmflow.engine.incident.IncidentStore.RetryStep;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.job.JobRecord;
import io.dmflow.engine.job.JobState;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.transaction.CommandRunner;
import io.dmflow.engine.transaction.EngineTransaction;
import java.util.Map;

/** Complete, fail, throw error, update: each one transaction under the instance tree's lock. */
public final class JobCommands {
    private final CommandRunner runner;
    private final EngineServices services;

    public JobCommands(CommandRunner runner, EngineServices services) {
        this.runner = runner;
        this.services = services;
    }

    public void complete(long jobKey, Map<String, Object> variables) {
        runner.run(tx -> {
            JobRecord job = lockedOpenJob(tx, jobKey);
            if (job.state() == JobState.FAILED) {
                throw EngineRejection.invalidState(
                        "Expected to complete job with key '" + jobKey + "', but it is in state 'FAILED'");
            }
            tx.jobs().transition(jobKey, JobState.COMPLETED, "COMPLETED", tx.now());
            BpmnExecution execution = new BpmnExecution(tx, services);
            ElementInstance instance = tx.elementInstances().get(job.elementInstanceKey());
            execution.complete(instance, variables == null ? Map.of() : variables);
            execution.run();
            return null;
        });
    }

    public void fail(long jobKey, int retries, String errorMessage, long retryBackOff, Map<String, Object> variables) {
        String type = runner.run(tx -> {
            JobRecord job = lockedOpenJob(tx, jobKey);
            if (job.state() == JobState.FAILED) {
                throw EngineRejection.invalidState(
                        "Expected to fail job with key '" + jobKey + "', but it is in state 'FAILED'");
            }
            String message = errorMessage == null ? "" : errorMessage;
            Long backoffUntil = retries > 0 && retryBackOff > 0 ? tx.now() + retryBackOff : null;
            tx.jobs().fail(jobKey, retries, message, backoffUntil, tx.now());
            BpmnExecution execution = new BpmnExecution(tx, services);
            ElementInstance instance = tx.elementInstances().get(job.elementInstanceKey());
            if (variables != null && !variables.isEmpty()) {
                var owner = execution.owner(instance);
                variables.forEach((name, value) -> tx.variables().setLocal(owner, name, value));
            }
            if (retries <= 0) {
                execution.raiseIncident(
                        instance,
                        "JOB_NO_RETRIES",
                        message.isBlank() ? "No more retries left." : message,
                        RetryStep.JOB,
                        jobKey);
            }
            return retries > 0 && backoffUntil == null ? job.type() : null;
        });
        if (type != null) {
            services.jobAvailability().jobsAvailable(type);
        }
    }

    public void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
        runner.run(tx -> {
            JobRecord job = lockedOpenJob(tx, jobKey);
            if (job.state() == JobState.FAILED) {
                throw EngineRejection.invalidState(
                        "Expected to throw an error for job with key '" + jobKey + "', but it is in state 'FAILED'");
            }
            tx.jobs().errorThrown(jobKey, errorCode, errorMessage, tx.now());
            BpmnExecution execution = new BpmnExecution(tx, services);
            ElementInstance instance = tx.elementInstances().get(job.elementInstanceKey());
            boolean caught =
                    execution.errorEvents().throwError(instance, errorCode, variables == null ? Map.of() : variables);
            if (!caught) {
                execution.raiseIncident(
                        instance,
                        "UNHANDLED_ERROR_EVENT",
                        "Expected to throw an error event with the code '"
                                + errorCode + "'"
                                + (errorMessage == null || errorMessage.isBlank()
                                        ? ""
                                        : " with message '" + errorMessage + "'")
                                + ", but it was not caught. No error events are available in the scope.",
                        RetryStep.JOB,
                        jobKey);
            }
            execution.run();
            return null;
        });
    }

    public void update(long jobKey, Integer retries, Long timeout) {
        if (retries == null && timeout == null) {
            throw EngineRejection.invalidArgument("Expected at least one of retries or timeout in the changeset");
        }
        if (retries != null && retries <= 0) {
            throw EngineRejection.invalidArgument("Expected retries to be greater than zero, but was " + retries);
        }
        runner.run(tx -> {
            JobRecord job = lockedOpenJob(tx, jobKey);
            if (timeout != null) {
                if (job.state() != JobState.ACTIVATED) {
                    throw EngineRejection.invalidState(
                            "Expected to update the timeout of job with key '" + jobKey + "', but it is not activated");
                }
                tx.jobs().updateDeadline(jobKey, tx.now() + timeout, tx.now());
            }
            if (retries != null) {
                tx.jobs().updateRetries(jobKey, retries, tx.now());
            }
            return null;
        });
    }

    private static JobRecord lockedOpenJob(EngineTransaction tx, long jobKey) {
        JobRecord job = tx.jobs().findLockingTree(jobKey).orElseThrow(() -> notFound(jobKey));
        if (job.state() == JobState.COMPLETED || job.state() == JobState.CANCELED) {
            throw notFound(jobKey);
        }
        if (job.state() == JobState.ERROR_THROWN) {
            throw EngineRejection.invalidState("Expected job with key '" + jobKey + "' to be activatable or activated, "
                    + "but an error was thrown for it");
        }
        return job;
    }

    private static EngineRejection notFound(long jobKey) {
        return EngineRejection.notFound("Expected to find job with key '" + jobKey + "', but no such job was found");
    }
}
