package io.dmflow.workers.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;

/**
 * {@code lwm2m.observe}: starts observing {@code key}; notifications reach the data model cache (and flows
 * waiting on the path). The current value goes to the variable named by {@code output}, if given.
 */
public final class ObserveJob implements DmflowJob {

    private final DeviceObservations observations;

    public ObserveJob(DeviceObservations observations) {
        this.observations = observations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_OBSERVE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "output");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        Optional<String> output = inputs.optionalString("output").filter(name -> !name.isBlank());
        return observations.observe(inputs.text(DeviceInputs.ENDPOINT), inputs.text(DeviceInputs.KEY))
                .thenApply(result -> {
                    Map<String, Object> outputs = new HashMap<>();
                    output.ifPresent(name -> outputs.put(name, ValueText.of(result.value())));
                    return outputs;
                });
    }
}
