package io.dmflow.engine.message;

import io.dmflow.engine.state.SqlSession;
import java.util.List;
import java.util.Optional;

/** Open message subscriptions of process instances (catch events, receive tasks, boundaries, event sub-processes). */
public final class MessageSubscriptionStore {
    public record Subscription(
            long key,
            long ownerKey,
            String targetElementId,
            long processInstanceKey,
            long rootProcessInstanceKey,
            String bpmnProcessId,
            String messageName,
            String correlationKey,
            boolean interrupting,
            String state,
            Long messageKey) {}

    private static final String COLUMNS = "subscription_key, owner_key, target_element_id, process_instance_key, "
            + "root_process_instance_key, bpmn_process_id, message_name, correlation_key, interrupting, state, message_key";
    private final SqlSession sql;

    public MessageSubscriptionStore(SqlSession sql) {
        this.sql = sql;
    }

    public void create(
            long key,
            long ownerKey,
            String targetElementId,
            long processInstanceKey,
            long rootKey,
            long processDefinitionKey,
            String bpmnProcessId,
            String messageName,
            String correlationKey,
            boolean interrupting,
            String tenantId,
            long now) {
        sql.update(
                "INSERT INTO engine.message_subscription (subscription_key, owner_key, target_element_id, process_instance_key, "
                        + "root_process_instance_key, process_definition_key, bpmn_process_id, message_name, correlation_key, "
                        + "interrupting, state, tenant_id, last_updated) VALUES (?,?,?,?,?,?,?,?,?,?,'CREATED',?,?)",
                key,
                ownerKey,
                targetElementId,
                processInstanceKey,
                rootKey,
                processDefinitionKey,
                bpmnProcessId,
                messageName,
                correlationKey,
                interrupting,
                tenantId,
                now);
    }

    public void deleteFor(long ownerKey, long now) {
        sql.update(
                "UPDATE engine.message_subscription SET state = 'DELETED', last_updated = ? WHERE owner_key = ? "
                        + "AND state IN ('CREATED', 'CORRELATING')",
                now,
                ownerKey);
    }

    /** Open subscriptions matching a message: at most one per BPMN process id, oldest first. */
    public List<Subscription> openMatching(String tenantId, String name, String correlationKey) {
        return sql.list(
                "SELECT DISTINCT ON (bpmn_process_id) " + COLUMNS
                        + " FROM engine.message_subscription WHERE tenant_id = ? "
                        + "AND message_name = ? AND correlation_key = ? AND state = 'CREATED' ORDER BY bpmn_process_id, subscription_key",
                MessageSubscriptionStore::map,
                tenantId,
                name,
                correlationKey);
    }

    public Optional<Subscription> find(long key) {
        return sql.one(
                "SELECT " + COLUMNS + " FROM engine.message_subscription WHERE subscription_key = ?",
                MessageSubscriptionStore::map,
                key);
    }

    public List<Subscription> correlating(int limit) {
        return sql.list(
                "SELECT " + COLUMNS + " FROM engine.message_subscription WHERE state = 'CORRELATING' "
                        + "ORDER BY subscription_key LIMIT ?",
                MessageSubscriptionStore::map,
                limit);
    }

    public void setState(long key, String state, Long messageKey, long now) {
        sql.update(
                "UPDATE engine.message_subscription SET state = ?, message_key = ?, last_updated = ? WHERE subscription_key = ?",
                state,
                messageKey,
                now,
                key);
    }

    private static Subscription map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Subscription(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBoolean(9),
                rs.getString(10),
                SqlSession.nullableLong(rs, "message_key"));
    }
}
