package io.dmflow.engine.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JDBC side of one engine transaction: statements on one connection, errors unchecked. */
public final class SqlSession {
    private final Connection connection;

    public SqlSession(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateAccessException(sql, e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = prepare(sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StateAccessException(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Several rows through one statement and one round trip. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StateAccessException(sql, e);
        }
    }

    public void lockInstanceTree(long rootProcessInstanceKey) {
        one("SELECT pg_advisory_xact_lock(?)", rs -> 1, rootProcessInstanceKey);
    }

    public Array longArray(long[] values) {
        try {
            Long[] boxed = new Long[values.length];
            for (int i = 0; i < values.length; i++) boxed[i] = values[i];
            return connection.createArrayOf("bigint", boxed);
        } catch (SQLException e) {
            throw new StateAccessException("create array", e);
        }
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    private void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof long[] longs) {
                ps.setArray(i + 1, longArray(longs));
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    public static long[] longs(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return new long[0];
        }
        Object[] values = (Object[]) array.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = ((Number) values[i]).longValue();
        return out;
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
