package io.dmflow.lwm2m.operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The LwM2M operations a flow's steps perform on a registered device, addressed by endpoint and key (a path such as
 * {@code /3/0/0} or a name such as {@code Device.0.Manufacturer}), in plain Java values. Results and failures arrive
 * asynchronously; a failure is always an {@link OperationFailure}. Observations are {@code DeviceObservations}'.
 */
public interface DeviceClient {

    /** Reads {@code key} in the data format the device chooses. */
    default CompletableFuture<ReadResult> read(String endpoint, String key) {
        return read(endpoint, key, null);
    }

    /** Reads {@code key} asking for {@code format}; a null format leaves the choice to the device. */
    CompletableFuture<ReadResult> read(String endpoint, String key, DataFormat format);

    /**
     * Writes {@code value} to a resource (a plain value, or a map/list for a multiple resource), a
     * resource instance, or an object instance (a map from resource id or name to value).
     */
    CompletableFuture<Void> write(String endpoint, String key, Object value, WriteMode mode);

    /** Executes a resource; {@code arguments} in the LwM2M form {@code 0='text',1}, or null for none. */
    CompletableFuture<Void> execute(String endpoint, String key, String arguments);

    CompletableFuture<List<DiscoveredLink>> discover(String endpoint, String key);

    CompletableFuture<Void> writeAttributes(String endpoint, String key, NotificationAttributes attributes);

    /**
     * Creates an instance with the given resource values (keyed by resource id or name): of the object {@code key}
     * names with an id the device chooses, or the object instance {@code key} names. Answers the new instance's path.
     */
    CompletableFuture<String> create(String endpoint, String key, Map<String, Object> values);

    /** Deletes the object instance {@code key} names. */
    CompletableFuture<Void> delete(String endpoint, String key);

    /** Reads several keys in one request (LwM2M 1.1 Read-Composite); answers path to result. */
    CompletableFuture<Map<String, ReadResult>> readComposite(String endpoint, List<String> keys);

    /** Writes resources of several instances in one request (LwM2M 1.1 Write-Composite); keys to values. */
    CompletableFuture<Void> writeComposite(String endpoint, Map<String, Object> values);
}
