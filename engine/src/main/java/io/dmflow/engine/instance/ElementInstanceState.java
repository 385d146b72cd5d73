package io.dmflow.engine.instance;

import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.state.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Element instances of one transaction. Writes are held back and sent as one batch before the
 * next read, so a chain of pass-through elements costs one round trip, not two per element.
 */
public final class ElementInstanceState {
    private static final String COLUMNS = "element_instance_key, process_instance_key, root_process_instance_key, "
            + "process_definition_key, bpmn_process_id, element_id, element_type, flow_scope_key, scope_path, lifecycle, "
            + "tenant_id, start_time, end_time, incident_key, multi_instance_index";
    private static final String UPSERT = "INSERT INTO engine.element_instance (" + COLUMNS + ") "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (element_instance_key) DO UPDATE SET "
            + "lifecycle = EXCLUDED.lifecycle, end_time = EXCLUDED.end_time, incident_key = EXCLUDED.incident_key";

    private final SqlSession sql;
    private final Map<Long, ElementInstance> loaded = new HashMap<>();
    private final Map<Long, ElementInstance> dirty = new LinkedHashMap<>();

    public ElementInstanceState(SqlSession sql) {
        this.sql = sql;
    }

    public ElementInstance create(
            long key,
            ProcessInstance pi,
            String elementId,
            BpmnElementType type,
            ElementInstance flowScope,
            long now,
            Integer multiInstanceIndex) {
        long[] path = flowScope == null ? new long[] {key} : flowScope.childPath(key);
        ElementInstance instance = new ElementInstance(
                key,
                pi.key(),
                pi.rootProcessInstanceKey(),
                pi.processDefinitionKey(),
                pi.bpmnProcessId(),
                elementId,
                type,
                flowScope == null ? null : flowScope.key,
                path,
                pi.tenantId(),
                now,
                multiInstanceIndex,
                Lifecycle.ACTIVATING,
                null,
                null);
        loaded.put(key, instance);
        dirty.put(key, instance);
        return instance;
    }

    /**
     * Moves the instance one lifecycle step on. A step the lifecycle does not allow is a defect in
     * the engine (a token completing twice, a terminated element waking up): it fails the command
     * and rolls its transaction back rather than corrupting the instance.
     */
    public void setLifecycle(ElementInstance instance, Lifecycle lifecycle, long now) {
        if (!instance.lifecycle.canBecome(lifecycle)) {
            throw new IllegalStateException("Element instance " + instance.key + " (" + instance.type + " '"
                    + instance.elementId + "') cannot go from " + instance.lifecycle + " to " + lifecycle + "; from "
                    + instance.lifecycle + " it may only go to " + instance.lifecycle.successors());
        }
        instance.lifecycle = lifecycle;
        if (lifecycle.isFinal()) {
            instance.endTime = now;
        }
        dirty.put(instance.key, instance);
    }

    public void setIncident(ElementInstance instance, Long incidentKey) {
        instance.incidentKey = incidentKey;
        dirty.put(instance.key, instance);
    }

    public Optional<ElementInstance> find(long key) {
        ElementInstance cached = loaded.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        flush();
        Optional<ElementInstance> row = sql.one(
                "SELECT " + COLUMNS + " FROM engine.element_instance WHERE element_instance_key = ?",
                ElementInstanceState::map,
                key);
        row.ifPresent(i -> loaded.put(i.key, i));
        return row;
    }

    public ElementInstance get(long key) {
        return find(key).orElseThrow(() -> new IllegalStateException("no element instance " + key));
    }

    /** Children not yet completed or terminated, oldest first. */
    public List<ElementInstance> activeChildren(long flowScopeKey) {
        flush();
        List<ElementInstance> rows = sql.list(
                "SELECT " + COLUMNS + " FROM engine.element_instance WHERE flow_scope_key = ? "
                        + "AND end_time IS NULL ORDER BY element_instance_key",
                ElementInstanceState::map,
                flowScopeKey);
        List<ElementInstance> out = new ArrayList<>(rows.size());
        for (ElementInstance row : rows) {
            out.add(loaded.computeIfAbsent(row.key, k -> row));
        }
        return out;
    }

    /**
     * Whether the scope still has work: a child not yet ended, or a token waiting at one of its
     * joins. One round trip answers both, as a scope asks this after every child that ends.
     */
    public boolean hasUnfinishedChildOrWaitingToken(long flowScopeKey) {
        flush();
        return sql.one(
                        "SELECT EXISTS (SELECT 1 FROM engine.element_instance WHERE flow_scope_key = ? AND "
                                + "end_time IS NULL) OR EXISTS (SELECT 1 FROM engine.join_arrival WHERE flow_scope_key = ?)",
                        rs -> rs.getBoolean(1),
                        flowScopeKey,
                        flowScopeKey)
                .orElse(false);
    }

    /** Children of the scope that reached the lifecycle state, e.g. completed inner instances of a multi-instance body. */
    public long countChildren(long flowScopeKey, Lifecycle lifecycle) {
        flush();
        return sql.count(
                "SELECT count(*) FROM engine.element_instance WHERE flow_scope_key = ? AND lifecycle = ?",
                flowScopeKey,
                lifecycle.name());
    }

    /** True if this transaction knows an active child of the scope (e.g. one it just created). */
    public boolean knownActiveChild(long flowScopeKey) {
        for (ElementInstance instance : loaded.values()) {
            if (instance.flowScopeKey != null && instance.flowScopeKey == flowScopeKey && instance.isActive()) {
                return true;
            }
        }
        return false;
    }

    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(dirty.size());
        for (ElementInstance i : dirty.values()) {
            rows.add(new Object[] {
                i.key,
                i.processInstanceKey,
                i.rootProcessInstanceKey,
                i.processDefinitionKey,
                i.bpmnProcessId,
                i.elementId,
                i.type.name(),
                i.flowScopeKey,
                sql.longArray(i.scopePath),
                i.lifecycle.name(),
                i.tenantId,
                i.startTime,
                i.endTime,
                i.incidentKey,
                i.multiInstanceIndex
            });
        }
        dirty.clear();
        sql.batch(UPSERT, rows);
    }

    static ElementInstance map(ResultSet rs) throws SQLException {
        return new ElementInstance(
                rs.getLong("element_instance_key"),
                rs.getLong("process_instance_key"),
                rs.getLong("root_process_instance_key"),
                rs.getLong("process_definition_key"),
                rs.getString("bpmn_process_id"),
                rs.getString("element_id"),
                BpmnElementType.valueOf(rs.getString("element_type")),
                SqlSession.nullableLong(rs, "flow_scope_key"),
                SqlSession.longs(rs, "scope_path"),
                rs.getString("tenant_id"),
                rs.getLong("start_time"),
                SqlSession.nullableInt(rs, "multi_instance_index"),
                Lifecycle.valueOf(rs.getString("lifecycle")),
                SqlSession.nullableLong(rs, "end_time"),
                SqlSession.nullableLong(rs, "incident_key"));
    }
}
