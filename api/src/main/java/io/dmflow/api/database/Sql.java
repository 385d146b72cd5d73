package io.dmflow.api.database;

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
 * Plain JDBC for the stores that stay outside Hibernate (docs/persistence.md says which and why): a statement on a
 * pooled connection of its own, which commits by itself, or several statements in one transaction of their own.
 * The connections come from the application's data source, so called inside {@code @Transactional} code they would
 * be enlisted in that transaction: the stores using this class are called outside one.
 *
 * <p>Parameters are bound with {@link PreparedStatement#setObject}: strings, numbers, booleans, {@code byte[]},
 * {@link Timestamp}s (see {@link #timestamp}) and nulls.
 */
@ApplicationScoped
public class Sql {

    /** Makes one value of a row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Statements on one connection; may throw one checked exception of its own besides {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    /** A statement failed; the message names the statement's start, the cause is the driver's exception. */
    public static final class Failure extends IllegalStateException {
        Failure(String sql, SQLException cause) {
            super(cause.getMessage() + " (in " + start(sql) + ")", cause);
        }

        private static String start(String sql) {
            String line = sql.strip().lines().findFirst().orElse("");
            return line.length() > 80 ? line.substring(0, 80) + "…" : line;
        }
    }

    @Inject
    DataSource dataSource;

    /** Every row of one query. */
    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        return connection(connection -> list(connection, sql, row, parameters), sql);
    }

    /** The first row of one query, if it has any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
        return connection(connection -> first(connection, sql, row, parameters), sql);
    }

    /** The first column of the only row of a query such as {@code SELECT count(*) ...}. */
    public long number(String sql, Object... parameters) {
        return first(sql, row -> row.getLong(1), parameters).orElseThrow();
    }

    /** Runs one statement, committed on its own; answers the rows it changed. */
    public int update(String sql, Object... parameters) {
        return connection(connection -> update(connection, sql, parameters), sql);
    }

    /**
     * Runs {@code work} on one connection as the pool hands it out, in autocommit: each statement commits on its
     * own.
     */
    public <T, E extends Exception> T connection(Work<T, E> work) throws E {
        return connection(work, null);
    }

    /** Runs {@code work} in one transaction of its own: committed when it returns, rolled back when it throws. */
    public <T, E extends Exception> T transaction(Work<T, E> work) throws E {
        return connection(
                connection -> {
                    connection.setAutoCommit(false);
                    try {
                        T result = work.run(connection);
                        connection.commit();
                        return result;
                    } catch (Exception e) {
                        connection.rollback();
                        throw e;
                    }
                },
                null);
    }

    private <T, E extends Exception> T connection(Work<T, E> work, String sql) throws E {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new Failure(sql == null ? "a unit of work" : sql, e);
        }
    }

    // ---- inside a unit of work

    public static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    public static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(row.map(rows));
            }
            return values;
        }
    }

    public static <T> Optional<T> first(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(row.map(rows)) : Optional.empty();
        }
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs one statement for each parameter list, sent as one JDBC batch. */
    public static void batch(Connection connection, String sql, List<Object[]> parameterLists) throws SQLException {
        if (parameterLists.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterLists) {
                bind(statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    // ---- values

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    public static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
