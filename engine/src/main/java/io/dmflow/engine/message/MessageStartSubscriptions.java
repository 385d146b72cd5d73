package io.dmflow.engine.message;

import io.dmflow.engine.state.SqlSession;
import java.util.List;

/** Message start events of the latest version of each process: what a published message may start. */
public final class MessageStartSubscriptions {
    public record MessageStart(long processDefinitionKey, String bpmnProcessId, String elementId) {}

    private final SqlSession sql;

    public MessageStartSubscriptions(SqlSession sql) {
        this.sql = sql;
    }

    /** A new version takes over: the older versions' message start events stop listening. */
    public void removeFor(String tenantId, String bpmnProcessId) {
        sql.update(
                "DELETE FROM engine.message_start_subscription WHERE tenant_id = ? AND bpmn_process_id = ?",
                tenantId,
                bpmnProcessId);
    }

    public void create(
            long processDefinitionKey, String bpmnProcessId, String elementId, String messageName, String tenantId) {
        sql.update(
                "INSERT INTO engine.message_start_subscription (process_definition_key, bpmn_process_id, "
                        + "element_id, message_name, tenant_id) VALUES (?,?,?,?,?)",
                processDefinitionKey,
                bpmnProcessId,
                elementId,
                messageName,
                tenantId);
    }

    /** At most one start event per process id listens for the message: the first by element id. */
    public List<MessageStart> listeningFor(String tenantId, String messageName) {
        return sql.list(
                "SELECT DISTINCT ON (bpmn_process_id) process_definition_key, bpmn_process_id, "
                        + "element_id FROM engine.message_start_subscription WHERE tenant_id = ? AND message_name = ? "
                        + "ORDER BY bpmn_process_id, element_id",
                rs -> new MessageStart(rs.getLong(1), rs.getString(2), rs.getString(3)),
                tenantId,
                messageName);
    }
}
