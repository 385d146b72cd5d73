package io.dmflow.engine.job;

import io.dmflow.engine.clock.EngineClock;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.state.SqlSession;
import io.dmflow.engine.state.StateAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Takes activatable jobs of a type in creation order; SKIP LOCKED keeps concurrent activations
 * from ever handing one job to two workers.
 */
public final class JobActivator {
    private final DataSource dataSource;
    private final EngineClock clock;

    public JobActivator(DataSource dataSource, EngineClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<ActivatedJob> activate(ActivationRequest request) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<ActivatedJob> jobs = activate(new SqlSession(connection), request);
                connection.commit();
                return jobs;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateAccessException("job activation", e);
        }
    }

    /**
     * Makes jobs that were activated but never reached their worker activatable again, as a job
     * timeout would, without touching their retries. A job that was completed, failed or activated
     * anew since (another deadline) is left alone. Returns the type of each job given back.
     */
    public List<String> giveBack(List<ActivatedJob> jobs) {
        try (Connection connection = dataSource.getConnection()) {
            SqlSession sql = new SqlSession(connection);
            List<String> types = new ArrayList<>();
            for (ActivatedJob job : jobs) {
                types.addAll(sql.list(
                        "UPDATE engine.job SET state = 'ACTIVATABLE', deadline = NULL, last_update_time = ? "
                                + "WHERE job_key = ? AND state = 'ACTIVATED' AND deadline = ? RETURNING type",
                        rs -> rs.getString(1),
                        clock.millis(),
                        job.job().key(),
                        job.deadline()));
            }
            return types;
        } catch (SQLException e) {
            throw new StateAccessException("giving back jobs", e);
        }
    }

    private List<ActivatedJob> activate(SqlSession sql, ActivationRequest request) {
        long now = clock.millis();
        long deadline = now + request.timeout();
        String[] tenants = request.tenantIds() == null || request.tenantIds().isEmpty()
                ? new String[] {"<default>"}
                : request.tenantIds().toArray(String[]::new);
        List<JobRecord> jobs;
        try {
            var array = sql.connection().createArrayOf("text", tenants);
            jobs = new ArrayList<>(sql.list(
                    "UPDATE engine.job SET state = 'ACTIVATED', worker = ?, deadline = ?, "
                            + "last_update_time = ? WHERE job_key IN (SELECT job_key FROM engine.job WHERE type = ? AND state = 'ACTIVATABLE' "
                            + "AND tenant_id = ANY(?) ORDER BY job_key LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING "
                            + JobStore.COLUMNS,
                    JobStore::map,
                    request.worker(),
                    deadline,
                    now,
                    request.type(),
                    array,
                    request.maxJobsToActivate()));
        } catch (SQLException e) {
            throw new StateAccessException("job activation", e);
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        jobs.sort(Comparator.comparingLong(JobRecord::key));
        Set<Long> scopes = new HashSet<>();
        jobs.forEach(job -> {
            for (long key : job.scopePath()) scopes.add(key);
        });
        Map<Long, Map<String, Object>> byScope = new HashMap<>();
        Set<String> wanted =
                request.fetchVariable() == null || request.fetchVariable().isEmpty()
                        ? null
                        : new HashSet<>(request.fetchVariable());
        sql.list(
                "SELECT scope_key, name, value FROM engine.variable WHERE scope_key = ANY(?)",
                rs -> {
                    String name = rs.getString(2);
                    if (wanted == null || wanted.contains(name)) {
                        byScope.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .put(name, JsonValues.read(rs.getString(3)));
                    }
                    return null;
                },
                (Object) scopes.stream().mapToLong(Long::longValue).toArray());
        List<ActivatedJob> activated = new ArrayList<>(jobs.size());
        for (JobRecord job : jobs) {
            Map<String, Object> variables = new HashMap<>();
            for (long scope : job.scopePath()) {
                variables.putAll(byScope.getOrDefault(scope, Map.of()));
            }
            activated.add(new ActivatedJob(job, deadline, request.worker(), variables));
        }
        return activated;
    }
}
