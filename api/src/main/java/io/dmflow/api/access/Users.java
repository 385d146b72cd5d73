package io.dmflow.api.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The users in PostgreSQL ({@code dmflow.app_user}). Plain JDBC: the identity providers read a user on a worker
 * thread for every request, outside any transaction or request context.
 */
@ApplicationScoped
public class Users {

    private static final String COLUMNS = "name, password_hash, role, created_at, updated_at, created_by";

    @Inject
    DataSource dataSource;

    public Optional<User> find(String name) {
        List<User> found = query("SELECT " + COLUMNS + " FROM dmflow.app_user WHERE name = ?", name);
        return found.stream().findFirst();
    }

    public List<User> page(int page, int size) {
        return query(
                "SELECT " + COLUMNS + " FROM dmflow.app_user ORDER BY name LIMIT ? OFFSET ?", size, (long) page * size);
    }

    public long count() {
        return count("SELECT count(*) FROM dmflow.app_user");
    }

    public long admins() {
        return count("SELECT count(*) FROM dmflow.app_user WHERE role = 'admin'");
    }

    /** @return false when a user of that name exists already */
    public boolean create(User user) {
        return update(
                        "INSERT INTO dmflow.app_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (name) DO NOTHING",
                        user.name(),
                        user.passwordHash(),
                        user.role().id(),
                        Timestamp.from(user.createdAt()),
                        Timestamp.from(user.updatedAt()),
                        user.createdBy())
                == 1;
    }

    /** Writes the user's password hash and role as given. */
    public void save(User user) {
        update(
                "UPDATE dmflow.app_user SET password_hash = ?, role = ?, updated_at = ? WHERE name = ?",
                user.passwordHash(),
                user.role().id(),
                Timestamp.from(user.updatedAt()),
                user.name());
    }

    /** Removes the user and, through the foreign key, the user's tokens. */
    public boolean delete(String name) {
        return update("DELETE FROM dmflow.app_user WHERE name = ?", name) == 1;
    }

    private List<User> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rows.next()) {
                users.add(new User(
                        rows.getString("name"),
                        rows.getString("password_hash"),
                        Role.parse(rows.getString("role")),
                        instant(rows, "created_at"),
                        instant(rows, "updated_at"),
                        rows.getString("created_by")));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read users", e);
        }
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count users", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write a user", e);
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
