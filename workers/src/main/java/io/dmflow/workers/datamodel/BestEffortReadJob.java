package io.dmflow.workers.datamodel;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.DeviceErrorResponse;
import io.dmflow.lwm2m.operation.DiscoveredLink;
import io.dmflow.lwm2m.operation.RegisteredDataModel;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DataModelCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.best-effort-read}: reads {@code key} as far as the device allows ({@link BestEffortRead}), with the
 * levels {@code useObjectRead}, {@code useObjectInstanceRead} and {@code useResourceRead} (each true unless false),
 * and with {@code useDiscover} also discovers it, which finds the executable and write-only resources a Read never
 * returns. What it got goes to the data model cache. Sets {@code read} (the paths kept), {@code discovered} (the
 * paths found by Discover only) and {@code refused} ({@code {path, operation, status}} of every piece the device refused); a
 * refusal never fails the job, a device that does not answer does ({@code DOWNLINK_FAILURE}).
 */
public final class BestEffortReadJob implements DmflowJob {

    private final DeviceClient device;
    private final RegisteredDataModel dataModel;
    private final DataModelCache cache;

    public BestEffortReadJob(DeviceClient device, RegisteredDataModel dataModel, DataModelCache cache) {
        this.device = device;
        this.dataModel = dataModel;
        this.cache = cache;
    }

    @Override
    public String type() {
        return JobType.LWM2M_BEST_EFFORT_READ;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint", "key", "useObjectRead", "useObjectInstanceRead", "useResourceRead", "useDiscover");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text("endpoint");
        String path = dataModel.path(endpoint, inputs.text("key"));
        ReadLevels levels = new ReadLevels(
                switchedOn(inputs, "useObjectRead"),
                switchedOn(inputs, "useObjectInstanceRead"),
                switchedOn(inputs, "useResourceRead"));
        boolean discover = inputs.optionalBoolean("useDiscover").orElse(false);
        BestEffortRead read = new BestEffortRead(device, dataModel, endpoint, levels);
        List<Map<String, Object>> refused = new ArrayList<>();
        CompletableFuture<List<String>> discovered = read.read(path)
                .thenCompose(done -> discover
                        ? discover(endpoint, path, refused)
                        : CompletableFuture.completedFuture(List.<DiscoveredLink>of()))
                .thenApply(links -> links.stream()
                        .map(DiscoveredLink::path)
                        .filter(BestEffortReadJob::isResource)
                        .filter(found -> !read.values().containsKey(found))
                        .toList());
        // The device's last answer completes the walk on a thread of the LwM2M server, which must not wait for the
        // database: the values are kept on the cache's thread, the discovered paths after them on another.
        Instant now = Instant.now();
        return discovered.thenCompose(onlyDiscovered -> cache.recordRead(endpoint, read.values(), now)
                .thenApplyAsync(kept -> {
                    cache.recordDiscovered(endpoint, onlyDiscovered, now);
                    refused.addAll(0, read.refused());
                    Map<String, Object> outputs = new LinkedHashMap<>();
                    outputs.put("read", List.copyOf(read.values().keySet()));
                    outputs.put("discovered", onlyDiscovered);
                    outputs.put("refused", refused);
                    return outputs;
                }));
    }

    private CompletableFuture<List<DiscoveredLink>> discover(
            String endpoint, String path, List<Map<String, Object>> refused) {
        return device.discover(endpoint, path)
                .handle((links, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(links);
                    }
                    Throwable cause = BestEffortRead.cause(failure);
                    if (cause instanceof DeviceErrorResponse answer) {
                        refused.add(Map.of("path", path, "operation", "Discover", "status", answer.status()));
                        return CompletableFuture.completedFuture(List.<DiscoveredLink>of());
                    }
                    return CompletableFuture.<List<DiscoveredLink>>failedFuture(cause);
                })
                .thenCompose(next -> next);
    }

    private static boolean switchedOn(JobInputs inputs, String name) {
        return inputs.optionalBoolean(name).orElse(true);
    }

    private static boolean isResource(String path) {
        return path.chars().filter(c -> c == '/').count() == 3;
    }
}
