package io.dmflow.api.security;

import io.dmflow.api.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Who last changed a device's credentials ({@code device_credentials.updated_by}). Kept beside the credential
 * stores, which the LwM2M servers share and which know nothing of REST callers.
 */
@ApplicationScoped
public class CredentialAuthors {

    @Inject
    DataSource dataSource;

    @Inject
    Caller caller;

    /** Records the current caller as the author of the credentials just stored. */
    public String recordChange(String endpoint, CredentialScope scope) {
        String author = caller.name();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE dmflow.device_credentials " + "SET updated_by = ? WHERE endpoint = ? AND scope = ?")) {
            update.setString(1, author);
            update.setString(2, endpoint);
            update.setString(3, scope.column());
            update.executeUpdate();
            return author;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record who changed the credentials of " + endpoint, e);
        }
    }

    public Optional<String> lastChangedBy(String endpoint, CredentialScope scope) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT updated_by FROM " + "dmflow.device_credentials WHERE endpoint = ? AND scope = ?")) {
            query.setString(1, endpoint);
            query.setString(2, scope.column());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read who changed the credentials of " + endpoint, e);
        }
    }
}
