package io.dmflow.engine.transaction;

import io.dmflow.engine.clock.EngineClock;
import io.dmflow.engine.state.KeyGenerator;
import io.dmflow.engine.state.SqlSession;
import io.dmflow.engine.state.StateAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Runs each command as one PostgreSQL transaction, retrying once or twice on deadlocks. */
public final class CommandRunner {
    private static final Logger LOG = Logger.getLogger(CommandRunner.class);
    private static final int ATTEMPTS = 3;
    private final DataSource dataSource;
    private final KeyGenerator keys;
    private final EngineClock clock;

    public CommandRunner(DataSource dataSource, KeyGenerator keys, EngineClock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
    }

    public <T> T run(Function<EngineTransaction, T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(command);
            } catch (StateAccessException e) {
                if (!e.isTransient() || attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("retrying command after transient failure: %s", e.getMessage());
            }
        }
    }

    private <T> T runOnce(Function<EngineTransaction, T> command) {
        EngineTransaction tx;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                tx = new EngineTransaction(new SqlSession(connection), keys, clock.millis());
                result = command.apply(tx);
                tx.flush();
                connection.commit();
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateAccessException("transaction", e);
        }
        for (Runnable action : tx.afterCommitActions()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the command is committed; a failed notification only delays a worker or an awaiting caller
                LOG.warn("after-commit action failed", e);
            }
        }
        return result;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
