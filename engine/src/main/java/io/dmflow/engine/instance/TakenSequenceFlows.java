package io.dmflow.engine.instance;

import io.dmflow.engine.state.SqlSession;
import java.util.ArrayList;
import java.util.List;

/** Which sequence flows a process instance took, for the diagram; written in one batch per flush. */
public final class TakenSequenceFlows {
    private final SqlSession sql;
    private final List<Object[]> taken = new ArrayList<>();

    public TakenSequenceFlows(SqlSession sql) {
        this.sql = sql;
    }

    public void taken(long processInstanceKey, String sequenceFlowId) {
        taken.add(new Object[] {processInstanceKey, sequenceFlowId});
    }

    public void flush() {
        if (taken.isEmpty()) {
            return;
        }
        sql.batch(
                "INSERT INTO engine.sequence_flow_taken (process_instance_key, sequence_flow_id) VALUES (?, ?) "
                        + "ON CONFLICT DO NOTHING",
                taken);
        taken.clear();
    }
}
