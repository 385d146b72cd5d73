package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.observe}: starts observing {@code key}; notifications reach the data model cache (and flows
 * waiting on the path). The current value goes to the variable named by {@code output}, if given. A key
 * already observed is observed again, unless {@code failIfExists}: then nothing is sent and the job throws
 * {@code KEY_OBSERVED}.
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
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "output", "failIfExists");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        Optional<String> output = inputs.optionalString("output").filter(name -> !name.isBlank());
        String endpoint = inputs.text(DeviceInputs.ENDPOINT);
        String key = inputs.text(DeviceInputs.KEY);
        if (inputs.optionalBoolean("failIfExists").orElse(false) && observations.isObserved(endpoint, key)) {
            return CompletableFuture.failedFuture(ObservedKey.refusal(
                    key, "Observe refused: " + key + " is already observed and failIfExists is set"));
        }
        return observations.observe(endpoint, key).thenApply(result -> {
            Map<String, Object> outputs = new HashMap<>();
            output.ifPresent(name -> outputs.put(name, ValueText.of(result.value())));
            return outputs;
        });
    }
}
