package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code lwm2m.cancel-all-observations}: forgets every observation of the device; sets {@code cancelledObservations}. */
public final class CancelAllObservationsJob implements DmflowJob {

    private final DeviceObservations observations;

    public CancelAllObservationsJob(DeviceObservations observations) {
        this.observations = observations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_CANCEL_ALL_OBSERVATIONS;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT);
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        return observations
                .cancelAllObservations(inputs.text(DeviceInputs.ENDPOINT))
                .thenApply(count -> Map.of("cancelledObservations", count));
    }
}
