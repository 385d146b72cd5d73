package io.dmflow.engine.command;

import io.dmflow.engine.incident.IncidentStore.Incident;
import io.dmflow.engine.incident.IncidentStore.RetryStep;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.job.JobRecord;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.transaction.CommandRunner;

/** Resolve: mark the incident resolved and re-run what it stopped. */
public final class IncidentCommands {
    private final CommandRunner runner;
    private final EngineServices services;

    public IncidentCommands(CommandRunner runner, EngineServices services) {
        this.runner = runner;
        this.services = services;
    }

    public void resolve(long incidentKey) {
        String jobType = runner.run(tx -> {
            Incident incident = tx.incidents().find(incidentKey).orElseThrow(() -> notFound(incidentKey));
            tx.sql().lockInstanceTree(incident.rootProcessInstanceKey());
            incident = tx.incidents().find(incidentKey).orElseThrow(() -> notFound(incidentKey));
            if (!"ACTIVE".equals(incident.state())) {
                throw notFound(incidentKey);
            }
            JobRecord job = incident.jobKey() == null
                    ? null
                    : tx.jobs().find(incident.jobKey()).orElse(null);
            if ("JOB_NO_RETRIES".equals(incident.errorType()) && job != null && job.retries() <= 0) {
                throw EngineRejection.invalidState("Expected to resolve incident with key '" + incidentKey
                        + "', but job with key '" + job.key() + "' has no retries left; update the retries first");
            }
            tx.incidents().resolve(incidentKey);
            ElementInstance instance = tx.elementInstances().get(incident.elementInstanceKey());
            tx.elementInstances().setIncident(instance, null);
            BpmnExecution execution = new BpmnExecution(tx, services);
            String type = null;
            if (incident.retryStep() == RetryStep.JOB) {
                if (job != null) {
                    tx.jobs().makeActivatable(job.key(), tx.now());
                    type = job.type();
                }
            } else {
                execution.retry(instance, incident.retryStep());
            }
            execution.run();
            return type;
        });
        if (jobType != null) {
            services.jobAvailability().jobsAvailable(jobType);
        }
    }

    private static EngineRejection notFound(long key) {
        return EngineRejection.notFound(
                "Expected to resolve incident with key '" + key + "', but no such incident was found");
    }
}
