package io.dmflow.workers.hold;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DeviceHolds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.device.lock}: the execution holds its device from now on, as a blocking task does, so that a step that
 * waits for the device lets no other task in between. Taking a hold twice changes nothing, so a redelivered job is
 * harmless. {@code endpoint}, when given, must be the execution's device.
 */
public final class DeviceLockJob implements DmflowJob {

    private final DeviceHolds holds;

    public DeviceLockJob(DeviceHolds holds) {
        this.holds = holds;
    }

    @Override
    public String type() {
        return JobType.DM_DEVICE_LOCK;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String execution = heldBy(inputs, type(), holds);
        holds.hold(execution);
        return CompletableFuture.completedFuture(Map.of());
    }

    /**
     * The execution the hold belongs to (a process started outside a task has none); an {@code endpoint} given must
     * be its device, since a flow holds its own device and no other.
     */
    static String heldBy(JobInputs inputs, String type, DeviceHolds holds) {
        String execution = inputs.executionId()
                .orElseThrow(() -> new InvalidJobInput(
                        type, "execution", "a device is held for an execution: run the process as a task"));
        String device = holds.deviceOf(execution)
                .orElseThrow(() -> new InvalidJobInput(type, "execution", "there is no execution " + execution));
        inputs.optionalString("endpoint")
                .filter(endpoint -> !endpoint.isBlank() && !endpoint.equals(device))
                .ifPresent(endpoint -> {
                    throw new InvalidJobInput(
                            type, "endpoint", "the execution runs on " + device + ", not on " + endpoint);
                });
        return execution;
    }
}
