package io.dmflow.engine.state;

import java.sql.SQLException;

/** A statement against the engine schema failed; the command's transaction rolls back. */
public class StateAccessException extends RuntimeException {
    public StateAccessException(String statement, SQLException cause) {
        super(cause.getMessage() + " [" + statement + "]", cause);
    }

    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }

    /** Deadlocks and serialization failures are worth one more try. */
    public boolean isTransient() {
        String state = sqlState();
        return "40P01".equals(state) || "40001".equals(state);
    }
}
