package io.dmflow.workers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.dmflow.contract.StartVariable;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobFailures;
import io.dmflow.workers.job.JobLeases;
import io.dmflow.workers.job.JobRunner;
import io.dmflow.workers.store.ExecutionProgress;
import io.dmflow.workers.store.JobEffects;

/** Opens one Camunda job worker per {@link DmflowJob} and closes them together. */
public final class JobWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);

    private final List<JobWorker> open = new ArrayList<>();
    private final JobLeases leases;

    private JobWorkers(JobLeases leases) {
        this.leases = leases;
    }

    public static JobWorkers open(CamundaClient client, List<DmflowJob> jobs, WorkerSettings settings,
            JobEffects effects, ExecutionProgress progress, String workerName) {
        JobWorkers workers = new JobWorkers(new JobLeases(client, settings.jobTimeout()));
        JobFailures failures = new JobFailures(progress, settings.retryBackoff());
        for (DmflowJob job : jobs) {
            Set<String> variables = new LinkedHashSet<>(job.inputs());
            variables.add(StartVariable.EXECUTION);
            workers.open.add(client.newWorker().jobType(job.type())
                    .handler(new JobRunner(job, effects, progress, failures, workers.leases,
                            settings.maxJobsInFlight()))
                    .name(workerName)
                    .maxJobsActive(settings.maxJobsActive())
                    .timeout(settings.jobTimeout())
                    .pollInterval(settings.pollInterval())
                    .fetchVariables(List.copyOf(variables))
                    .streamEnabled(false)
                    .open());
        }
        LOG.info("{} job workers polling: {}", jobs.size(), jobs.stream().map(DmflowJob::type).toList());
        return workers;
    }

    @Override
    public void close() {
        open.forEach(JobWorker::close);
        open.clear();
        leases.close();
    }
}
