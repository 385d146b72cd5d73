package io.dmflow.api.worker;

import io.dmflow.api.bootstrap.PostgresBootstrapConfigurations;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.engine.WorkerConfig;
import io.dmflow.api.execution.ExecutionRecords;
import io.dmflow.api.execution.ExecutionScheduler;
import io.dmflow.api.firmware.StoredPackages;
import io.dmflow.api.lwm2m.Lwm2mServerConfig;
import io.dmflow.api.observation.DeviceValues;
import io.dmflow.api.property.DevicePropertyStore;
import io.dmflow.api.quota.PostgresQuotas;
import io.dmflow.api.resource.ResourceStore;
import io.dmflow.api.startup.CannotStart;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.workers.JobWorkers;
import io.dmflow.workers.WorkerSettings;
import io.dmflow.workers.bootstrap.BootstrapConfigureJob;
import io.dmflow.workers.bootstrap.BootstrapTriggerJob;
import io.dmflow.workers.contact.DeviceContactPublisher;
import io.dmflow.workers.datamodel.BestEffortReadJob;
import io.dmflow.workers.datamodel.RegisteredObjectsJob;
import io.dmflow.workers.device.CancelAllObservationsJob;
import io.dmflow.workers.device.CancelObservationJob;
import io.dmflow.workers.device.CreateJob;
import io.dmflow.workers.device.DeleteJob;
import io.dmflow.workers.device.DiscoverJob;
import io.dmflow.workers.device.ExecuteJob;
import io.dmflow.workers.device.ObserveJob;
import io.dmflow.workers.device.ReadCompositeJob;
import io.dmflow.workers.device.ReadJob;
import io.dmflow.workers.device.WriteAttributesJob;
import io.dmflow.workers.device.WriteCompositeJob;
import io.dmflow.workers.device.WriteJob;
import io.dmflow.workers.firmware.FirmwareDeliverJob;
import io.dmflow.workers.hold.DeviceLockJob;
import io.dmflow.workers.hold.DeviceUnlockJob;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.quota.QuotaAcquireJob;
import io.dmflow.workers.quota.QuotaReleaseJob;
import io.dmflow.workers.record.DevicePropertySetJob;
import io.dmflow.workers.record.DeviceValueReadJob;
import io.dmflow.workers.record.ExecutionUpdateJob;
import io.dmflow.workers.record.LogJob;
import io.dmflow.workers.record.ResourceEditJob;
import io.dmflow.workers.record.ResourceNewestJob;
import io.dmflow.workers.record.ResourceReadJob;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Opens the job workers and connects device events to waiting flows and to the scheduler, in both engine
 * modes: the workers reach the engine only through the Camunda client.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    @Inject
    WorkerConfig config;

    @Inject
    Lwm2mServerConfig lwm2m;

    @Inject
    EngineClient engine;

    @Inject
    ExecutionRecords executions;

    @Inject
    PostgresJobEffects effects;

    @Inject
    DevicePropertyStore properties;

    @Inject
    ResourceStore resources;

    @Inject
    StoredPackages packages;

    @Inject
    PostgresQuotas quotas;

    @Inject
    DeviceValues dataModelCache;

    @Inject
    PostgresBootstrapConfigurations bootstrapConfigurations;

    private JobWorkers workers;

    @Produces
    @Singleton
    DeviceContactPublisher contactPublisher() {
        return new DeviceContactPublisher(engine::client, executions, config.messageTimeToLive());
    }

    void start(
            @Observes @Priority(200) StartupEvent event,
            DeviceManagementServer server,
            DeviceContactPublisher contacts,
            ExecutionScheduler scheduler) {
        server.addListener(contacts);
        server.addListener(scheduler);
        if (!config.enabled()) {
            LOG.info("Job workers are disabled (dmflow.workers.enabled=false)");
            return;
        }
        if (!lwm2m.enabled()) {
            throw new CannotStart("dmflow.lwm2m.enabled=false leaves the job workers without devices, and every device "
                    + "step they took would fail here: set dmflow.workers.enabled=false too");
        }
        DeviceClient operations = server.operations();
        DeviceObservations observations = server.observations();
        List<DmflowJob> jobs = List.of(
                new ReadJob(operations, dataModelCache),
                new WriteJob(operations),
                new ExecuteJob(operations),
                new DiscoverJob(operations),
                new WriteAttributesJob(operations, observations),
                new ObserveJob(observations),
                new CancelObservationJob(observations),
                new CancelAllObservationsJob(observations),
                new CreateJob(operations),
                new DeleteJob(operations),
                new ReadCompositeJob(operations),
                new WriteCompositeJob(operations),
                new DevicePropertySetJob(properties),
                new ResourceReadJob(resources),
                new ResourceEditJob(resources),
                new ResourceNewestJob(resources),
                new LogJob(executions),
                new DeviceLockJob(executions),
                new DeviceUnlockJob(executions),
                new ExecutionUpdateJob(executions),
                new FirmwareDeliverJob(operations, server.delivery(), packages),
                new QuotaAcquireJob(quotas),
                new QuotaReleaseJob(quotas),
                new DeviceValueReadJob(dataModelCache),
                new RegisteredObjectsJob(server.dataModel()),
                new BestEffortReadJob(operations, server.dataModel(), dataModelCache),
                new BootstrapConfigureJob(bootstrapConfigurations),
                new BootstrapTriggerJob(server.bootstrapTrigger()));
        WorkerSettings settings = new WorkerSettings(
                config.maxJobsActive(),
                config.maxJobsInFlight(),
                config.pollInterval(),
                config.jobTimeout(),
                config.retryBackoff());
        // The embedded engine listens on this application's HTTP port, which may only be known once the
        // server is up: open the workers beside startup, not in its way.
        Thread opener = new Thread(() -> open(jobs, settings), "dmflow-workers-open");
        opener.setDaemon(true);
        opener.start();
    }

    private synchronized void open(List<DmflowJob> jobs, WorkerSettings settings) {
        try {
            workers = JobWorkers.open(engine.client(), jobs, settings, effects, executions, "dmflow");
        } catch (RuntimeException e) {
            LOG.errorf(e, "The job workers could not start: flows will not progress");
        }
    }

    /** At the start of the stop, so that no worker polls the engine while the HTTP server drains its requests. */
    void stopping(@Observes @Priority(0) ShutdownDelayInitiatedEvent event) {
        stop(null);
    }

    synchronized void stop(@Observes @Priority(0) ShutdownEvent event) {
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }
}
