package io.dmflow.api.worker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dmflow.api.execution.Execution;
import io.dmflow.workers.store.JobEffects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The record of jobs whose effect took place, in PostgreSQL, so it survives the crash it guards against. */
@ApplicationScoped
public class PostgresJobEffects implements JobEffects {

    @Inject
    ObjectMapper json;

    @Override
    @Transactional
    public Optional<Map<String, Object>> applied(long jobKey) {
        @SuppressWarnings("unchecked")
        List<Object> rows = Execution.getEntityManager()
                .createNativeQuery("SELECT outputs::text FROM dmflow.job_effect WHERE job_key = ?1")
                .setParameter(1, jobKey).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(rows.get(0).toString(), new TypeReference<Map<String, Object>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable record of job " + jobKey, e);
        }
    }

    @Override
    @Transactional
    public void record(long jobKey, Map<String, Object> outputs) {
        String text;
        try {
            text = json.writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Job " + jobKey + " outputs cannot be recorded", e);
        }
        Execution.getEntityManager().createNativeQuery("""
                INSERT INTO dmflow.job_effect (job_key, outputs, applied_at) VALUES (?1, CAST(?2 AS jsonb), ?3)
                ON CONFLICT (job_key) DO NOTHING""").setParameter(1, jobKey).setParameter(2, text)
                .setParameter(3, Instant.now()).executeUpdate();
    }
}
