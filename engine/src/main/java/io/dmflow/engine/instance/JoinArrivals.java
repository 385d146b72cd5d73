package io.dmflow.engine.instance;

import io.dmflow.engine.state.SqlSession;
import java.util.List;

/**
 * Tokens waiting at parallel joins, per flow scope. A join fires once a token arrived on every
 * incoming flow; it consumes one token per flow, so surplus tokens wait for the next firing.
 */
public final class JoinArrivals {
    private final SqlSession sql;

    public JoinArrivals(SqlSession sql) {
        this.sql = sql;
    }

    public void arrive(long arrivalKey, long flowScopeKey, String gatewayId, String sequenceFlowId) {
        sql.update(
                "INSERT INTO engine.join_arrival (arrival_key, flow_scope_key, gateway_id, sequence_flow_id) "
                        + "VALUES (?,?,?,?)",
                arrivalKey,
                flowScopeKey,
                gatewayId,
                sequenceFlowId);
    }

    /** The incoming flows of the gateway that hold at least one token. */
    public List<String> arrivedFlows(long flowScopeKey, String gatewayId) {
        return sql.list(
                "SELECT DISTINCT sequence_flow_id FROM engine.join_arrival WHERE flow_scope_key = ? "
                        + "AND gateway_id = ?",
                rs -> rs.getString(1),
                flowScopeKey,
                gatewayId);
    }

    /** The oldest token on each of the flows: the ones a firing join takes. */
    public void consumeOldest(long flowScopeKey, String gatewayId, List<String> sequenceFlowIds) {
        for (String sequenceFlowId : sequenceFlowIds) {
            sql.update(
                    "DELETE FROM engine.join_arrival WHERE arrival_key = (SELECT min(arrival_key) FROM engine.join_arrival "
                            + "WHERE flow_scope_key = ? AND gateway_id = ? AND sequence_flow_id = ?)",
                    flowScopeKey,
                    gatewayId,
                    sequenceFlowId);
        }
    }

    /** The scope ended or was cut short (terminate end event): its waiting tokens go with it. */
    public void discard(long flowScopeKey) {
        sql.update("DELETE FROM engine.join_arrival WHERE flow_scope_key = ?", flowScopeKey);
    }
}
