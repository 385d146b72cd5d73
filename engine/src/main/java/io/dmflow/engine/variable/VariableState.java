package io.dmflow.engine.variable;

import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.state.KeyGenerator;
import io.dmflow.engine.state.SqlSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables of one transaction, per scope. Reads load a scope once; writes are batched and sent
 * before the transaction commits.
 */
public final class VariableState {
    private static final String UPSERT = "INSERT INTO engine.variable (variable_key, scope_key, process_instance_key, "
            + "root_process_instance_key, process_definition_key, name, value, tenant_id) VALUES (?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (scope_key, name) DO UPDATE SET value = EXCLUDED.value";

    /** Where a scope's variables belong: needed when a variable is created there. */
    public record ScopeOwner(
            long scopeKey,
            long processInstanceKey,
            long rootProcessInstanceKey,
            long processDefinitionKey,
            String tenantId) {}

    private final SqlSession sql;
    private final KeyGenerator keys;
    private final Map<Long, Map<String, Object>> scopes = new HashMap<>();
    private final List<Object[]> pendingWrites = new ArrayList<>();

    public VariableState(SqlSession sql, KeyGenerator keys) {
        this.sql = sql;
        this.keys = keys;
    }

    public Map<String, Object> local(long scopeKey) {
        return scopes.computeIfAbsent(scopeKey, this::load);
    }

    /** Every variable visible from the innermost scope of the path; inner definitions win. */
    public Map<String, Object> visible(long[] scopePath) {
        List<Long> missing = new ArrayList<>();
        for (long key : scopePath) {
            if (!scopes.containsKey(key)) missing.add(key);
        }
        if (!missing.isEmpty()) {
            loadAll(missing);
        }
        Map<String, Object> merged = new HashMap<>();
        for (long key : scopePath) {
            merged.putAll(scopes.get(key));
        }
        return merged;
    }

    public void setLocal(ScopeOwner owner, String name, Object value) {
        local(owner.scopeKey()).put(name, value);
        pendingWrites.add(new Object[] {
            keys.nextKey(sql),
            owner.scopeKey(),
            owner.processInstanceKey(),
            owner.rootProcessInstanceKey(),
            owner.processDefinitionKey(),
            name,
            JsonValues.write(value),
            owner.tenantId()
        });
    }

    /** The innermost scope on the path that defines the name, or -1. */
    public long definingScope(long[] scopePath, String name) {
        visible(scopePath);
        for (int i = scopePath.length - 1; i >= 0; i--) {
            if (scopes.get(scopePath[i]).containsKey(name)) {
                return scopePath[i];
            }
        }
        return -1;
    }

    public void flush() {
        if (pendingWrites.isEmpty()) {
            return;
        }
        // Several writes of one name in one scope: the last one must win inside the batch too.
        Map<String, Object[]> last = new LinkedHashMap<>();
        for (Object[] row : pendingWrites) {
            last.put(row[1] + "/" + row[5], row);
        }
        pendingWrites.clear();
        sql.batch(UPSERT, new ArrayList<>(last.values()));
    }

    private Map<String, Object> load(long scopeKey) {
        Map<String, Object> vars = new LinkedHashMap<>();
        sql.list(
                "SELECT name, value FROM engine.variable WHERE scope_key = ?",
                rs -> {
                    vars.put(rs.getString(1), JsonValues.read(rs.getString(2)));
                    return null;
                },
                scopeKey);
        return vars;
    }

    private void loadAll(List<Long> scopeKeys) {
        flush();
        long[] keysArray = scopeKeys.stream().mapToLong(Long::longValue).toArray();
        for (long key : keysArray) scopes.put(key, new LinkedHashMap<>());
        sql.list(
                "SELECT scope_key, name, value FROM engine.variable WHERE scope_key = ANY(?)",
                rs -> {
                    scopes.get(rs.getLong(1)).put(rs.getString(2), JsonValues.read(rs.getString(3)));
                    return null;
                },
                (Object) keysArray);
    }
}
