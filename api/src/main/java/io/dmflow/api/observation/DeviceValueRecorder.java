package io.dmflow.api.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.database.Sql;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the data model cache (latest value per path) and the time series of values devices report,
 * whether as notifications of observations or by Send. A value older than the cached one (a late
 * notification) goes to the series only.
 */
@ApplicationScoped
public class DeviceValueRecorder implements DeviceEventListener {

    private static final String LATEST = """
            INSERT INTO dmflow.device_value (endpoint, path, value, observed_at) VALUES (?, ?, ?::jsonb, ?)
            ON CONFLICT (endpoint, path) DO UPDATE SET value = EXCLUDED.value, observed_at = EXCLUDED.observed_at
            WHERE device_value.observed_at <= EXCLUDED.observed_at""";
    private static final String KNOWN = """
            INSERT INTO dmflow.device_value (endpoint, path, value, observed_at) VALUES (?, ?, NULL, ?)
            ON CONFLICT (endpoint, path) DO NOTHING""";
    private static final String HISTORY = """
            INSERT INTO dmflow.device_value_history (endpoint, path, value, observed_at) VALUES (?, ?, ?::jsonb, ?)""";

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Override
    public void notified(DeviceRegistration registration, DeviceValue value) {
        record(List.of(value));
    }

    @Override
    public void sent(DeviceRegistration registration, List<DeviceValue> values) {
        record(values);
    }

    void record(List<DeviceValue> values) {
        write(rows(values));
    }

    /** The statement parameters of the values; an {@link IllegalArgumentException} when one has no JSON form. */
    List<Object[]> rows(List<DeviceValue> values) {
        return values.stream().map(this::row).toList();
    }

    /** Keeps rows made by {@link #rows} as the latest values and in the series, in one transaction. */
    void write(List<Object[]> rows) {
        sql.transaction(connection -> {
            Sql.batch(connection, LATEST, rows);
            Sql.batch(connection, HISTORY, rows);
            return null;
        });
    }

    /** Paths known to exist that have no value to keep (executable and write-only resources); values stay. */
    void known(String endpoint, Collection<String> paths, Instant at) {
        List<Object[]> rows = paths.stream()
                .map(path -> new Object[] {endpoint, path, Sql.timestamp(at)})
                .toList();
        sql.connection(connection -> {
            Sql.batch(connection, KNOWN, rows);
            return null;
        });
    }

    private Object[] row(DeviceValue value) {
        try {
            return new Object[] {
                value.endpoint(), value.path(), json.writeValueAsString(value.value()), Sql.timestamp(value.at())
            };
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value at " + value.path() + " has no JSON form", e);
        }
    }
}
