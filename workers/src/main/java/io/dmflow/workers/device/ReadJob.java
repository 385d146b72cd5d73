package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DataFormat;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.ReadResult;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DataModelCache;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.read}: reads {@code key}; sets the variable named by {@code output} to the value's string
 * form, or, with no {@code output}, {@code value} to its plain form. A resource's value read is kept in the data
 * model cache, so that what a flow last read (a firmware version after an update) is what the device's page shows.
 */
public final class ReadJob implements DmflowJob {

    private final DeviceClient operations;
    private final DataModelCache cache;

    public ReadJob(DeviceClient operations, DataModelCache cache) {
        this.operations = operations;
        this.cache = cache;
    }

    @Override
    public String type() {
        return JobType.LWM2M_READ;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "contentFormat", "output");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text(DeviceInputs.ENDPOINT);
        String key = inputs.text(DeviceInputs.KEY);
        Optional<String> output = inputs.optionalString("output").filter(name -> !name.isBlank());
        Optional<DataFormat> format = inputs.optionalString("contentFormat")
                .filter(text -> !text.isBlank())
                .map(text -> contentFormat(inputs, text));
        CompletableFuture<ReadResult> read = format.map(asked -> operations.read(endpoint, key, asked))
                .orElseGet(() -> operations.read(endpoint, key));
        // The device's answer completes the read on a thread of the LwM2M server, which must not wait for the
        // database: the cache keeps the value on a thread of its own, and the job completes once it is kept.
        return read.thenCompose(result -> {
            Map<String, Object> outputs = new HashMap<>();
            if (output.isPresent()) {
                outputs.put(output.get(), ValueText.of(result.value()));
            } else {
                outputs.put("value", result.value());
            }
            if (!isResource(result.path()) || result.value() == null) {
                return CompletableFuture.completedFuture(outputs);
            }
            return cache.recordRead(endpoint, Map.of(result.path(), result.value()), Instant.now())
                    .thenApply(kept -> outputs);
        });
    }

    /** A resource ({@code /3/0/3}) or one of its instances; objects and object instances come as nested maps. */
    private static boolean isResource(String path) {
        return path != null && path.split("/").length >= 4;
    }

    static DataFormat contentFormat(JobInputs inputs, String text) {
        try {
            return DataFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(inputs.jobType(), "contentFormat", "is not a known content format: " + text);
        }
    }
}
