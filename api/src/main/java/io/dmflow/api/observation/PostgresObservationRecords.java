package io.dmflow.api.observation;

import io.dmflow.lwm2m.observation.ObservationRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;

/** Observation records in PostgreSQL, so that they outlive restarts of dmflow. */
@ApplicationScoped
public class PostgresObservationRecords implements ObservationRecords {

    @Inject
    DataSource dataSource;

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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT path FROM dmflow.observation WHERE endpoint = ? ORDER BY path")) {
            query.setString(1, endpoint);
            Set<String> paths = new LinkedHashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    paths.add(rows.getString(1));
                }
            }
            return paths;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the observations of " + endpoint, e);
        }
    }

    private void update(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record an observation change of " + parameters[0], e);
        }
    }
}
