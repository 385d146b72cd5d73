package io.dmflow.engine.instance;

import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.state.SqlSession;
import java.util.List;
import java.util.Optional;

/**
 * The input collection each active multi-instance body iterates over. It is taken once, when the
 * body activates, and kept in the database so a sequential loop resumes over the same elements
 * after a restart, whatever its inner instances did to the variables the expression read.
 */
public final class MultiInstanceInputs {
    private final SqlSession sql;

    public MultiInstanceInputs(SqlSession sql) {
        this.sql = sql;
    }

    public void keep(long bodyKey, List<?> items) {
        sql.update(
                "INSERT INTO engine.multi_instance_input (body_key, items) VALUES (?, ?) "
                        + "ON CONFLICT (body_key) DO UPDATE SET items = EXCLUDED.items",
                bodyKey,
                JsonValues.write(items));
    }

    public Optional<List<?>> find(long bodyKey) {
        return sql.one(
                "SELECT items FROM engine.multi_instance_input WHERE body_key = ?",
                rs -> (List<?>) JsonValues.read(rs.getString(1)),
                bodyKey);
    }

    /** The body ended: nothing iterates over its collection any more. */
    public void release(long bodyKey) {
        sql.update("DELETE FROM engine.multi_instance_input WHERE body_key = ?", bodyKey);
    }
}
