package io.dmflow.api.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

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
    DataSource dataSource;

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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement latest = connection.prepareStatement(LATEST);
                PreparedStatement history = connection.prepareStatement(HISTORY)) {
            connection.setAutoCommit(false);
            for (DeviceValue value : values) {
                bind(latest, value);
                latest.addBatch();
                bind(history, value);
                history.addBatch();
            }
            latest.executeBatch();
            history.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not record values of " + values.get(0).endpoint(), e);
        }
    }

    /** Paths known to exist that have no value to keep (executable and write-only resources); values stay. */
    void known(String endpoint, Collection<String> paths, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement known = connection.prepareStatement(KNOWN)) {
            for (String path : paths) {
                known.setString(1, endpoint);
                known.setString(2, path);
                known.setTimestamp(3, Timestamp.from(at));
                known.addBatch();
            }
            known.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the paths discovered on " + endpoint, e);
        }
    }

    private void bind(PreparedStatement statement, DeviceValue value) throws SQLException {
        statement.setString(1, value.endpoint());
        statement.setString(2, value.path());
        try {
            statement.setString(3, json.writeValueAsString(value.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value at " + value.path() + " has no JSON form", e);
        }
        statement.setTimestamp(4, Timestamp.from(value.at()));
    }
}
