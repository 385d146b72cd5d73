package io.dmflow.workers.datamodel;

import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.DeviceErrorResponse;
import io.dmflow.lwm2m.operation.RegisteredDataModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One key read as far as the device allows: the whole object, or where the device refuses that, each instance the
 * registration lists, or where it refuses those, each readable resource of the object's model. Reads go one after
 * the other, as a constrained device would want. What the device refused is kept beside what it answered, so one
 * refusal never loses the rest; a device that stops answering ends the walk (the flow retries the key).
 */
final class BestEffortRead {

    /** A resource the device answers 4.04 for in a resource-by-resource walk is one it does not implement. */
    private static final String ABSENT = "NOT_FOUND";

    private final DeviceClient device;
    private final RegisteredDataModel dataModel;
    private final String endpoint;
    private final ReadLevels levels;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Map<String, Object>> refused = new ArrayList<>();

    BestEffortRead(DeviceClient device, RegisteredDataModel dataModel, String endpoint, ReadLevels levels) {
        this.device = device;
        this.dataModel = dataModel;
        this.endpoint = endpoint;
        this.levels = levels;
    }

    /** Reads {@code path} ({@code /3}, {@code /3/0} or {@code /3/0/1}); completes when every piece was tried. */
    CompletableFuture<Void> read(String path) {
        int[] ids = ids(path);
        return switch (ids.length) {
            case 1 -> object(ids[0]);
            case 2 -> instance(ids[0], ids[1]);
            default -> levels.resource() ? attempt(path, null, false) : CompletableFuture.completedFuture(null);
        };
    }

    /** Every resource the device answered, by path ({@code /3/0/1}); a multiple resource is one map. */
    Map<String, Object> values() {
        return values;
    }

    /** The pieces the device refused: {@code {path, operation, status}}, status the LwM2M name of its answer. */
    List<Map<String, Object>> refused() {
        return refused;
    }

    private CompletableFuture<Void> object(int objectId) {
        if (levels.object()) {
            return attempt("/" + objectId, levels.finerThanObject() ? () -> instances(objectId) : null, false);
        }
        return instances(objectId);
    }

    private CompletableFuture<Void> instances(int objectId) {
        SortedSet<Integer> instances = dataModel.instances(endpoint).getOrDefault(objectId, new TreeSet<>());
        CompletableFuture<Void> walk = CompletableFuture.completedFuture(null);
        for (int instanceId : instances) {
            walk = walk.thenCompose(done -> instance(objectId, instanceId));
        }
        return walk;
    }

    private CompletableFuture<Void> instance(int objectId, int instanceId) {
        String path = "/" + objectId + "/" + instanceId;
        if (levels.instance()) {
            return attempt(path, levels.resource() ? () -> resources(objectId, instanceId) : null, false);
        }
        return levels.resource() ? resources(objectId, instanceId) : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> resources(int objectId, int instanceId) {
        CompletableFuture<Void> walk = CompletableFuture.completedFuture(null);
        for (int resourceId : dataModel.readableResources(objectId)) {
            String path = "/" + objectId + "/" + instanceId + "/" + resourceId;
            walk = walk.thenCompose(done -> attempt(path, null, true));
        }
        return walk;
    }

    /**
     * Reads {@code path}; when the device refuses, goes on with {@code finer} if there is one, else notes the
     * refusal (an absent resource of a resource walk is not one).
     */
    private CompletableFuture<Void> attempt(
            String path, Supplier<CompletableFuture<Void>> finer, boolean absentIsNoRefusal) {
        return device.read(endpoint, path)
                .handle((result, failure) -> {
                    if (failure == null) {
                        keep(result.path(), result.value());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause = cause(failure);
                    if (!(cause instanceof DeviceErrorResponse answer)) {
                        return CompletableFuture.<Void>failedFuture(cause);
                    }
                    if (finer != null) {
                        return finer.get();
                    }
                    if (!(absentIsNoRefusal && ABSENT.equals(answer.status()))) {
                        refused.add(Map.of("path", path, "operation", "Read", "status", answer.status()));
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(next -> next);
    }

    /** What went wrong in a stage: the failure itself, not the wrapper a composed stage puts around it. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Splits what a Read of an object or instance answered into its resources. */
    @SuppressWarnings("unchecked")
    private void keep(String path, Object value) {
        if (ids(path).length >= 3 || !(value instanceof Map<?, ?> children)) {
            values.put(path, value);
            return;
        }
        ((Map<String, Object>) children).forEach((id, child) -> keep(path + "/" + id, child));
    }

    private static int[] ids(String path) {
        String bare = path.startsWith("/") ? path.substring(1) : path;
        String[] parts = bare.split("/");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Integer.parseInt(parts[i]);
        }
        return ids;
    }
}
