package io.dmflow.api.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.workers.store.JobEffects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The record of jobs whose effect took place, in PostgreSQL, so it survives the crash it guards against. */
@ApplicationScoped
public class PostgresJobEffects implements JobEffects {

    @Inject
    ObjectMapper json;

    @Inject
    DataSource dataSource;

    // One statement each, on a pooled connection outside JTA: they run around every job that has an effect.

    @Override
    public Optional<Map<String, Object>> applied(long jobKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT outputs::text FROM dmflow.job_effect WHERE job_key = ?")) {
            statement.setLong(1, jobKey);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(json.readValue(row.getString(1), new TypeReference<Map<String, Object>>() {}))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up the record of job " + jobKey, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable record of job " + jobKey, e);
        }
    }

    @Override
    public void record(long jobKey, Map<String, Object> outputs) {
        String text;
        try {
            text = json.writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + jobKey + " outputs cannot be recorded", e);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO dmflow.job_effect (job_key, outputs, applied_at) VALUES (?, CAST(? AS jsonb), now())
                        ON CONFLICT (job_key) DO NOTHING""")) {
            statement.setLong(1, jobKey);
            statement.setString(2, text);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the effect of job " + jobKey, e);
        }
    }
}
