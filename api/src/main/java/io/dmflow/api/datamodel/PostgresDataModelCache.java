package io.dmflow.api.datamodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dmflow.workers.store.DataModelCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The data model cache the device value recorder keeps in PostgreSQL ({@code device_value}), read by flows. */
@ApplicationScoped
public class PostgresDataModelCache implements DataModelCache {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Override
    public Optional<Object> latest(String endpoint, String path) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT value::text FROM dmflow.device_value WHERE endpoint = ? AND path = ?")) {
            select.setString(1, endpoint);
            select.setString(2, path);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.ofNullable(json.readValue(row.getString(1), Object.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the cached value of " + path + " of " + endpoint + ": "
                    + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable cached value of " + path + " of " + endpoint, e);
        }
    }
}
