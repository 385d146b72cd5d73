package io.dmflow.api.observation;

import io.dmflow.api.database.Sql;
import io.dmflow.lwm2m.observation.ObservationRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Set;

/** Observation records in PostgreSQL, so that they outlive restarts of dmflow. */
@ApplicationScoped
public class PostgresObservationRecords implements ObservationRecords {

    @Inject
    Sql sql;

    @Override
    public void observed(String endpoint, String path) {
        update("INSERT INTO dmflow.observation (endpoint, path) VALUES (?, ?) ON CONFLICT DO NOTHING", endpoint, path);
    }

    @Override
    public void forgotten(String endpoint, String path) {
        update("DELETE FROM dmflow.observation WHERE endpoint = ? AND path = ?", endpoint, path);
    }

    @Override
    public void forgottenAll(String endpoint) {
        update("DELETE FROM dmflow.observation WHERE endpoint = ?", endpoint);
    }

    @Override
    public Set<String> observedPaths(String endpoint) {
        return new LinkedHashSet<>(sql.list(
                "SELECT path FROM dmflow.observation WHERE endpoint = ? ORDER BY path",
                row -> row.getString(1),
                endpoint));
    }

    private void update(String statement, String... parameters) {
        sql.update(statement, (Object[]) parameters);
    }
}
