package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.observation.CancelType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code lwm2m.cancel-observation}: ends the observation of {@code key}, {@code cancelType} immediate (default) or lazy. */
public final class CancelObservationJob implements DmflowJob {

    private final DeviceObservations observations;

    public CancelObservationJob(DeviceObservations observations) {
        this.observations = observations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_CANCEL_OBSERVATION;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "cancelType");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        CancelType cancelType = inputs.optionalString("cancelType")
                .filter(text -> !text.isBlank())
                .map(text -> {
                    try {
                        return CancelType.valueOf(text.trim().toUpperCase());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidJobInput(type(), "cancelType", "must be immediate or lazy, not " + text);
                    }
                })
                .orElse(CancelType.IMMEDIATE);
        return observations
                .cancelObservation(inputs.text(DeviceInputs.ENDPOINT), inputs.text(DeviceInputs.KEY), cancelType)
                .thenApply(done -> Map.of());
    }
}
