package io.dmflow.engine;

import io.dmflow.engine.clock.EngineClock;
import io.dmflow.engine.command.AwaitingCallers;
import io.dmflow.engine.command.DeploymentCommands;
import io.dmflow.engine.command.DueWork;
import io.dmflow.engine.command.IncidentCommands;
import io.dmflow.engine.command.JobCommands;
import io.dmflow.engine.command.MessageCommands;
import io.dmflow.engine.command.ProcessInstanceCommands;
import io.dmflow.engine.command.VariableCommands;
import io.dmflow.engine.config.EngineConfig;
import io.dmflow.engine.deployment.ProcessDefinitions;
import io.dmflow.engine.feel.ExpressionLanguage;
import io.dmflow.engine.history.EngineHistory;
import io.dmflow.engine.job.JobActivations;
import io.dmflow.engine.job.JobActivator;
import io.dmflow.engine.model.BpmnTransformer;
import io.dmflow.engine.processing.BpmnProcessors;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.state.EngineSchema;
import io.dmflow.engine.state.KeyGenerator;
import io.dmflow.engine.transaction.CommandRunner;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The embedded engine: assembles the parts, migrates its schema on start and runs the due-work
 * loop. In remote mode it does nothing at all.
 */
@ApplicationScoped
public class EmbeddedEngine {
    private static final Logger LOG = Logger.getLogger(EmbeddedEngine.class);

    @Inject
    EngineConfig config;

    @Inject
    DataSource dataSource;

    private final EngineClock clock = new EngineClock();
    private volatile boolean started;
    private ScheduledExecutorService scheduler;
    private ExecutorService drainers;
    private ScheduledExecutorService pollDeadlines;
    private ProcessDefinitions definitions;
    private CommandRunner runner;
    private JobActivations activations;
    private DeploymentCommands deployments;
    private ProcessInstanceCommands processInstances;
    private JobCommands jobs;
    private MessageCommands messages;
    private IncidentCommands incidents;
    private VariableCommands variables;
    private DueWork dueWork;
    private io.dmflow.engine.query.MonitoringQueries queries;
    private EngineHistory history;

    /** Late among startup observers: an application that starts its own database at startup goes first. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) StartupEvent event) {
        if (!config.embedded()) {
            LOG.info("dmflow engine in remote mode: /v2 is not served here");
            return;
        }
        start();
    }

    /**
     * The stop begins (before the HTTP server waits for open requests): long polls are answered now. Observed
     * after the application's own observers of the event, which close its job workers first.
     */
    void onStopping(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 100) ShutdownDelayInitiatedEvent event) {
        if (activations != null) {
            activations.close();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            drainers.shutdownNow();
            pollDeadlines.shutdownNow();
        }
    }

    synchronized void start() {
        if (started) {
            return;
        }
        EngineSchema.migrate(dataSource);
        KeyGenerator keys = new KeyGenerator();
        runner = new CommandRunner(dataSource, keys, clock);
        clock.pin(runner.run(tx -> tx.pinnedClock().pinnedMillis()));
        ExpressionLanguage expressions = new ExpressionLanguage(clock);
        BpmnTransformer transformer = new BpmnTransformer(expressions);
        definitions = new ProcessDefinitions(transformer);
        scheduler = Executors.newScheduledThreadPool(2, named("dmflow-engine-due-work"));
        drainers = Executors.newFixedThreadPool(2, named("dmflow-engine-activation"));
        // long-poll deadlines get their own thread: a slow due-work round must not make them late
        pollDeadlines = Executors.newSingleThreadScheduledExecutor(named("dmflow-engine-long-poll"));
        activations = new JobActivations(
                new JobActivator(dataSource, clock),
                drainers,
                pollDeadlines,
                config.defaultLongPollTimeout().toMillis());
        AwaitingCallers awaiting = new AwaitingCallers();
        EngineServices services =
                new EngineServices(definitions, expressions, clock, activations, awaiting, BpmnProcessors.create());
        deployments = new DeploymentCommands(runner, definitions, transformer, expressions);
        processInstances = new ProcessInstanceCommands(runner, services, awaiting);
        jobs = new JobCommands(runner, services);
        messages = new MessageCommands(runner, services);
        incidents = new IncidentCommands(runner, services);
        variables = new VariableCommands(runner, services);
        queries = new io.dmflow.engine.query.MonitoringQueries(dataSource, definitions);
        history = new EngineHistory(dataSource);
        dueWork = new DueWork(runner, services, activations, messages);
        long interval = Math.max(config.dueWorkInterval().toMillis(), 10);
        scheduler.scheduleWithFixedDelay(this::runDueWork, interval, interval, TimeUnit.MILLISECONDS);
        started = true;
        LOG.info("dmflow engine started (embedded, schema " + EngineSchema.SCHEMA + ")");
    }

    private void runDueWork() {
        try {
            dueWork.runOnce();
        } catch (RuntimeException e) {
            LOG.warn("due work failed; retried on the next round", e);
        }
    }

    /** Pins (or with null releases) the engine clock, durably. */
    public void pinClock(Long millis) {
        requireStarted();
        runner.run(tx -> {
            tx.pinnedClock().pin(millis);
            return null;
        });
        clock.pin(millis);
        scheduler.execute(this::runDueWork);
    }

    public boolean isEmbedded() {
        return config.embedded();
    }

    public EngineClock clock() {
        return clock;
    }

    public ProcessDefinitions definitions() {
        requireStarted();
        return definitions;
    }

    public DeploymentCommands deployments() {
        requireStarted();
        return deployments;
    }

    public ProcessInstanceCommands processInstances() {
        requireStarted();
        return processInstances;
    }

    public JobCommands jobs() {
        requireStarted();
        return jobs;
    }

    public JobActivations activations() {
        requireStarted();
        return activations;
    }

    public MessageCommands messages() {
        requireStarted();
        return messages;
    }

    public IncidentCommands incidents() {
        requireStarted();
        return incidents;
    }

    public VariableCommands variables() {
        requireStarted();
        return variables;
    }

    public io.dmflow.engine.query.MonitoringQueries queries() {
        requireStarted();
        return queries;
    }

    /** Removal of what ended long ago; null until the embedded engine has started. */
    public EngineHistory history() {
        return history;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public EngineConfig config() {
        return config;
    }

    private void requireStarted() {
        if (!started) {
            throw EngineRejection.unavailable(
                    "The embedded engine is not running (dmflow.engine.mode=" + config.mode() + ")");
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
