package io.dmflow.api.quota;

import io.dmflow.api.execution.ExecutionEnded;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Gives back the quota slots (and places in line) of an execution the moment its end is recorded, whichever way it
 * ended: a flow that released its slot finds nothing left here, a cancelled one frees its slot for the next in line
 * without waiting for the next release. Off the recording thread, after the commit; should this process stop first,
 * the next acquire or release of the quota drops the ended execution's slot.
 */
@ApplicationScoped
class EndedHolders {

    private static final Logger LOG = Logger.getLogger(EndedHolders.class);

    @Inject
    PostgresQuotas quotas;

    private final ExecutorService releases = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "dmflow-quota-endings");
        thread.setDaemon(true);
        return thread;
    });

    void onEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEnded ended) {
        releases.execute(() -> {
            try {
                quotas.releaseAll(ended.executionId());
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Could not give back the quota slots of execution %s: %s", ended.executionId(), e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        releases.shutdown();
    }
}
