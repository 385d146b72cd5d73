package io.dmflow.workers.bootstrap;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.BootstrapTrigger;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.bootstrap.trigger}: sends a registered device back to its bootstrap server (Bootstrap-Request Trigger),
 * where it gets its configuration as it is now. Completes once the device accepted; it then leaves this server.
 */
public final class BootstrapTriggerJob implements DmflowJob {

    private final BootstrapTrigger trigger;

    public BootstrapTriggerJob(BootstrapTrigger trigger) {
        this.trigger = trigger;
    }

    @Override
    public String type() {
        return JobType.LWM2M_BOOTSTRAP_TRIGGER;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint");
    }

    /** A device triggered twice would bootstrap twice: a job handed out again is answered from its record. */
    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        return trigger.trigger(inputs.text("endpoint")).thenApply(accepted -> Map.of());
    }
}
