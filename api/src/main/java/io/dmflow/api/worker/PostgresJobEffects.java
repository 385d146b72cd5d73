package io.dmflow.api.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.database.Sql;
import io.dmflow.workers.store.JobEffects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/** The record of jobs whose effect took place, in PostgreSQL, so it survives the crash it guards against. */
@ApplicationScoped
public class PostgresJobEffects implements JobEffects {

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    // One statement each, on a pooled connection outside JTA: they run around every job that has an effect.

    @Override
    public Optional<Map<String, Object>> applied(long jobKey) {
        return sql.first(
                        "SELECT outputs::text FROM dmflow.job_effect WHERE job_key = ?",
                        row -> row.getString(1),
                        jobKey)
                .map(text -> outputs(jobKey, text));
    }

    @Override
    public void record(long jobKey, Map<String, Object> outputs) {
        String text;
        try {
            text = json.writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + jobKey + " outputs cannot be recorded", e);
        }
        sql.update("""
                INSERT INTO dmflow.job_effect (job_key, outputs, applied_at) VALUES (?, CAST(? AS jsonb), now())
                ON CONFLICT (job_key) DO NOTHING""", jobKey, text);
    }

    private Map<String, Object> outputs(long jobKey, String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable record of job " + jobKey, e);
        }
    }
}
