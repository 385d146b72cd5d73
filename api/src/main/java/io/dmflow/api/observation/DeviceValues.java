package io.dmflow.api.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.database.GroupCommit;
import io.dmflow.api.database.Sql;
import io.dmflow.api.device.LatestValues;
import io.dmflow.lwm2m.event.DeviceValue;
import io.dmflow.workers.store.DataModelCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Reads what {@link DeviceValueRecorder} keeps: the data model cache (the latest value of each path) and the
 * time series; flows that read devices (best-effort get) keep what they read here through the recorder. Plain JDBC like the recorder, since both sit on the path of every notification.
 */
@ApplicationScoped
public class DeviceValues implements DataModelCache, LatestValues {

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Inject
    DeviceValueRecorder recorder;

    /**
     * The values flows read, many reads to a transaction: one a read cost a tenth of a read-write-read execution's
     * database work. A read's stage completes once its values are committed, so the flow's next step (and the
     * device's page) sees them.
     */
    private GroupCommit<List<Object[]>> reads;

    @PostConstruct
    void open() {
        reads = new GroupCommit<>(
                "dmflow-value-writer",
                batch -> recorder.write(batch.stream().flatMap(List::stream).toList()));
    }

    @PreDestroy
    void close() {
        reads.close();
    }

    /** The cached value of every path of the device, by path. */
    public List<DeviceValueView> latest(String endpoint) {
        return views(
                "SELECT path, value::text, observed_at FROM dmflow.device_value WHERE endpoint = ? ORDER BY path",
                endpoint);
    }

    @Override
    public Map<String, String> latest(Collection<String> endpoints, String path) {
        if (endpoints.isEmpty()) {
            return Map.of();
        }
        return sql
                .list(
                        "SELECT endpoint, value::text FROM dmflow.device_value "
                                + "WHERE path = ? AND endpoint = ANY(?) AND value IS NOT NULL",
                        row -> Map.entry(row.getString(1), row.getString(2)),
                        path,
                        endpoints.toArray(String[]::new))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The values reported for one path between two instants, oldest first, at most {@code limit}. */
    public List<DeviceValueView> history(String endpoint, String path, Instant since, Instant until, int limit) {
        return views("""
                SELECT path, value::text, observed_at FROM dmflow.device_value_history
                WHERE endpoint = ? AND path = ? AND observed_at >= ? AND observed_at <= ?
                ORDER BY observed_at, id LIMIT ?""", endpoint, path, Sql.timestamp(since), Sql.timestamp(until), limit);
    }

    /** The cached value of one path, in its JSON form as flows see it. */
    @Override
    public Optional<Object> latest(String endpoint, String path) {
        List<DeviceValueView> rows = views(
                "SELECT path, value::text, observed_at FROM dmflow.device_value WHERE endpoint = ? AND path = ?",
                endpoint,
                path);
        if (rows.isEmpty() || rows.get(0).value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(rows.get(0).value(), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable cached value of " + path + " of " + endpoint, e);
        }
    }

    @Override
    public CompletionStage<Void> recordRead(String endpoint, Map<String, Object> valuesByPath, Instant at) {
        if (valuesByPath.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Object[]> rows;
        try {
            rows = recorder.rows(valuesByPath.entrySet().stream()
                    .map(entry -> new DeviceValue(endpoint, entry.getKey(), entry.getValue(), at))
                    .toList());
        } catch (IllegalArgumentException e) {
            // A value with no JSON form fails its own read, not the others kept with it.
            return CompletableFuture.failedFuture(e);
        }
        return reads.submit(rows);
    }

    @Override
    public void recordDiscovered(String endpoint, Collection<String> paths, Instant at) {
        if (!paths.isEmpty()) {
            recorder.known(endpoint, paths, at);
        }
    }

    private List<DeviceValueView> views(String sql, Object... parameters) {
        return this.sql.list(
                sql,
                row -> new DeviceValueView(row.getString(1), row.getString(2), Sql.instant(row, "observed_at")),
                parameters);
    }
}
