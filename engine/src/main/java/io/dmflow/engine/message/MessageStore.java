package io.dmflow.engine.message;

import io.dmflow.engine.state.SqlSession;
import java.util.Optional;

/** Published messages, buffered until their time to live ends. */
public final class MessageStore {
    public record Message(long key, String name, String correlationKey, String variables, String tenantId) {}

    private final SqlSession sql;

    public MessageStore(SqlSession sql) {
        this.sql = sql;
    }

    public boolean idTaken(String tenantId, String name, String correlationKey, String messageId, long now) {
        // a message past its time to live frees its id at once, not only when the expiry loop comes by
        sql.update(
                "UPDATE engine.message SET state = 'EXPIRED' WHERE tenant_id = ? AND name = ? AND correlation_key = ? "
                        + "AND message_id = ? AND state = 'PUBLISHED' AND deadline <= ?",
                tenantId,
                name,
                correlationKey,
                messageId,
                now);
        return sql.count(
                        "SELECT count(*) FROM engine.message WHERE tenant_id = ? AND name = ? AND correlation_key = ? "
                                + "AND message_id = ? AND state = 'PUBLISHED' AND deadline > ?",
                        tenantId,
                        name,
                        correlationKey,
                        messageId,
                        now)
                > 0;
    }

    public void insert(
            long key,
            String name,
            String correlationKey,
            String messageId,
            String variables,
            String tenantId,
            long now,
            long ttl) {
        // Not buffered (TTL 0): kept only as a record of the key, already expired.
        sql.update(
                "INSERT INTO engine.message (message_key, name, correlation_key, message_id, variables, tenant_id, "
                        + "publish_time, deadline, state) VALUES (?,?,?,?,?,?,?,?,?)",
                key,
                name,
                correlationKey,
                messageId,
                variables,
                tenantId,
                now,
                now + Math.max(ttl, 0),
                ttl > 0 ? "PUBLISHED" : "EXPIRED");
    }

    /** The oldest buffered message a subscription of this process may still take. */
    public Optional<Message> oldestBuffered(
            String tenantId, String name, String correlationKey, String bpmnProcessId, long now) {
        return sql.one(
                "SELECT message_key, name, correlation_key, variables, tenant_id FROM engine.message m WHERE tenant_id = ? "
                        + "AND name = ? AND correlation_key = ? AND state = 'PUBLISHED' AND deadline > ? AND NOT EXISTS "
                        + "(SELECT 1 FROM engine.message_correlation c WHERE c.message_key = m.message_key AND c.bpmn_process_id = ?) "
                        + "ORDER BY message_key LIMIT 1",
                rs -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                tenantId,
                name,
                correlationKey,
                now,
                bpmnProcessId);
    }

    public Optional<Message> find(long key) {
        return sql.one(
                "SELECT message_key, name, correlation_key, variables, tenant_id FROM engine.message WHERE message_key = ?",
                rs -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                key);
    }

    /** Records that the message went to this process; false if it already had. */
    public boolean recordCorrelation(long messageKey, String bpmnProcessId) {
        return sql.update(
                        "INSERT INTO engine.message_correlation (message_key, bpmn_process_id) VALUES (?, ?) "
                                + "ON CONFLICT DO NOTHING",
                        messageKey,
                        bpmnProcessId)
                > 0;
    }

    public void forgetCorrelation(long messageKey, String bpmnProcessId) {
        sql.update(
                "DELETE FROM engine.message_correlation WHERE message_key = ? AND bpmn_process_id = ?",
                messageKey,
                bpmnProcessId);
    }

    public int expire(long now) {
        return sql.update(
                "UPDATE engine.message SET state = 'EXPIRED' WHERE state = 'PUBLISHED' AND deadline <= ?", now);
    }

    /** Serializes publishing and subscribing for one (name, correlation key), so neither misses the other. */
    public void lockCorrelation(String tenantId, String name, String correlationKey) {
        sql.one(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))",
                rs -> 1,
                tenantId + "\u001f" + name + "\u001f" + correlationKey);
    }
}
