package io.dmflow.workers;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.dmflow.contract.StartVariable;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobFailures;
import io.dmflow.workers.job.JobLeases;
import io.dmflow.workers.job.JobRunner;
import io.dmflow.workers.store.ExecutionProgress;
import io.dmflow.workers.store.JobEffects;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens one Camunda job worker per {@link DmflowJob} and closes them together. */
public final class JobWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);

    /** Threads that give the engine the jobs' answers: few, since what they wait for is a write or a send. */
    private static final int ANSWERING_THREADS = 4;

    private final List<JobWorker> open = new ArrayList<>();
    private final JobLeases leases;
    private final ExecutorService answers = Executors.newFixedThreadPool(ANSWERING_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "dmflow-job-answers");
        thread.setDaemon(true);
        return thread;
    });

    private JobWorkers(JobLeases leases) {
        this.leases = leases;
    }

    public static JobWorkers open(
            CamundaClient client,
            List<DmflowJob> jobs,
            WorkerSettings settings,
            JobEffects effects,
            ExecutionProgress progress,
            String workerName) {
        JobWorkers workers = new JobWorkers(new JobLeases(client, settings.jobTimeout()));
        JobFailures failures = new JobFailures(progress, settings.retryBackoff());
        for (DmflowJob job : jobs) {
            Set<String> variables = new LinkedHashSet<>(job.inputs());
            variables.add(StartVariable.EXECUTION);
            workers.open.add(client.newWorker()
                    .jobType(job.type())
                    .handler(new JobRunner(
                            job,
                            effects,
                            progress,
                            failures,
                            workers.leases,
                            settings.maxJobsInFlight(),
                            workers.answers))
                    .name(workerName)
                    .maxJobsActive(settings.maxJobsActive())
                    .timeout(settings.jobTimeout())
                    .pollInterval(settings.pollInterval())
                    .fetchVariables(List.copyOf(variables))
                    .streamEnabled(false)
                    .open());
        }
        LOG.info(
                "{} job workers polling: {}",
                jobs.size(),
                jobs.stream().map(DmflowJob::type).toList());
        return workers;
    }

    @Override
    public void close() {
        open.forEach(JobWorker::close);
        open.clear();
        answers.shutdown();
        leases.close();
    }
}
