package io.dmflow.api.access;

import io.dmflow.api.database.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The users in PostgreSQL ({@code dmflow.app_user}). Plain JDBC: the identity providers read a user on a worker
 * thread for every request, outside any transaction or request context.
 */
@ApplicationScoped
public class Users {

    private static final String COLUMNS = "name, password_hash, role, created_at, updated_at, created_by";

    @Inject
    Sql sql;

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

    private List<User> query(String statement, Object... parameters) {
        return sql.list(statement, Users::user, parameters);
    }

    private long count(String statement) {
        return sql.number(statement);
    }

    private int update(String statement, Object... parameters) {
        return sql.update(statement, parameters);
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(
                row.getString("name"),
                row.getString("password_hash"),
                Role.parse(row.getString("role")),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                row.getString("created_by"));
    }
}
