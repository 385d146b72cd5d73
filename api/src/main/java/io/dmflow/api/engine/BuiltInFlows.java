package io.dmflow.api.engine;

import io.dmflow.api.problem.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deploys the built-in flows of the bpmn module (every file {@code bpmn/flows.list} names, from the classpath) when
 * the application starts. The embedded engine answers on this application's own HTTP port, and an external one may
 * come up later, so the deployment runs beside startup and tries again until the engine takes it. Both engines keep
 * the version of a file deployed again unchanged (a restart, a second node): a new version appears only when a file
 * changed.
 */
@ApplicationScoped
public class BuiltInFlows {

    /** The bpmn module's list of its flows, one file name a line ({@code #} starts a comment). */
    static final String FLOW_LIST = "bpmn/flows.list";

    private static final Logger LOG = Logger.getLogger(BuiltInFlows.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final Duration COMPLAIN_AFTER = Duration.ofMinutes(1);
    /** How long a request that starts a built-in flow waits for them while dmflow starts. */
    static final Duration STARTING_WAIT = Duration.ofSeconds(15);
    /** What a request that waited in vain is told: the deployer tries at least this often. */
    static final Duration RETRY_AFTER = LONGEST_RETRY;

    @Inject
    Deployments deployments;

    private final CountDownLatch deployed = new CountDownLatch(1);
    /** Released when this application's HTTP port opens: the embedded engine is reachable from then on. */
    private final Semaphore listening = new Semaphore(0);

    private volatile Thread deployer;

    void start(@Observes StartupEvent event) {
        List<String> files = read(FLOW_LIST)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(name -> "bpmn/" + name)
                .toList();
        List<String> bpmn = files.stream().map(BuiltInFlows::read).toList();
        Thread thread = new Thread(() -> deployUntilTaken(files, bpmn), "dmflow-built-in-flows");
        thread.setDaemon(true);
        deployer = thread;
        thread.start();
    }

    void listening(@Observes HttpServerStart event) {
        listening.release();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread thread = deployer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether every built-in flow is deployed. */
    public boolean isDeployed() {
        return deployed.getCount() == 0;
    }

    /** Waits until every built-in flow is deployed; answers whether they are. */
    public boolean awaitDeployed(Duration timeout) throws InterruptedException {
        return deployed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * For a request that starts a built-in flow. One that arrives while dmflow starts (its HTTP port opens a moment
     * before the flows are in the engine) waits for them rather than failing; one that waited in vain is told that
     * dmflow cannot serve it yet, not that it asked for something wrong.
     */
    public void requireDeployed() {
        requireDeployed(STARTING_WAIT);
    }

    void requireDeployed(Duration wait) {
        boolean ready;
        try {
            ready = awaitDeployed(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (!ready) {
            throw ProblemException.unavailable(
                    "dmflow is starting",
                    "The built-in flows are not in the engine yet (waited " + wait.toSeconds()
                            + " s); try again in a few seconds",
                    RETRY_AFTER);
        }
    }

    void deployUntilTaken(List<String> files, List<String> bpmn) {
        long startedAt = System.nanoTime();
        Duration wait = FIRST_RETRY;
        boolean complained = false;
        List<String> deployedIds = new ArrayList<>();
        for (int next = 0; next < files.size(); ) {
            try {
                Deployments.Deployed flow = deployments.deploy(files.get(next), bpmn.get(next));
                LOG.debugf("Built-in flow %s deployed, version %d", flow.processId(), flow.version());
                deployedIds.add(flow.processId());
                next++;
            } catch (RuntimeException e) {
                if (!complained
                        && Duration.ofNanos(System.nanoTime() - startedAt).compareTo(COMPLAIN_AFTER) > 0) {
                    LOG.errorf(
                            "The built-in flows are not deployed yet, tasks that run them cannot start: %s",
                            e.getMessage());
                    complained = true;
                }
                try {
                    // An external engine gives no signal that it now listens; the embedded one answers once this
                    // application's HTTP port is open, so that ends the wait early.
                    if (listening.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
        LOG.infof("Built-in flows deployed: %s", String.join(", ", deployedIds));
        deployed.countDown();
    }

    private static String read(String file) {
        try (InputStream in = BuiltInFlows.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " of the built-in flows is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
