package io.dmflow.engine.state;

/**
 * Engine keys from one PostgreSQL sequence, fetched a block at a time. Gaps after a restart are
 * fine; uniqueness is all that matters.
 */
public final class KeyGenerator {
    static final int BLOCK = 100;
    private long next;
    private long end;

    public synchronized long nextKey(SqlSession sql) {
        if (next >= end) {
            next = sql.one("SELECT nextval('engine.key_block')", rs -> rs.getLong(1))
                    .orElseThrow();
            end = next + BLOCK;
        }
        return next++;
    }
}
