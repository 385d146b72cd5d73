package io.dmflow.workers.datamodel;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.RegisteredDataModel;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.registered-objects}: sets {@code objects} to the paths ({@code /3}) of the objects the device's
 * registration lists, in id order, leaving out those a management server may never read.
 */
public final class RegisteredObjectsJob implements DmflowJob {

    /** Security (0) and OSCORE (21) hold keys: only the bootstrap server may read them, a device refuses anyone else. */
    private static final Set<Integer> BOOTSTRAP_ONLY = Set.of(0, 21);

    private final RegisteredDataModel dataModel;

    public RegisteredObjectsJob(RegisteredDataModel dataModel) {
        this.dataModel = dataModel;
    }

    @Override
    public String type() {
        return JobType.LWM2M_REGISTERED_OBJECTS;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        List<String> objects = dataModel.instances(inputs.text("endpoint")).keySet().stream()
                .filter(objectId -> !BOOTSTRAP_ONLY.contains(objectId))
                .map(objectId -> "/" + objectId)
                .toList();
        return CompletableFuture.completedFuture(Map.of("objects", objects));
    }
}
