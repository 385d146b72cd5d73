package io.dmflow.engine.deployment;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.dmflow.engine.model.BpmnTransformer;
import io.dmflow.engine.model.ExecutableProcess;
import io.dmflow.engine.state.SqlSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deployed definitions and their executable form. Definitions never change once deployed, so
 * the parsed processes are cached for the life of the engine.
 */
public final class ProcessDefinitions {
    static final String COLUMNS = "process_definition_key, bpmn_process_id, version, version_tag, name, resource_name, "
            + "tenant_id, deployment_key";
    private final BpmnTransformer transformer;
    private final ConcurrentHashMap<Long, ProcessDefinition> definitions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ExecutableProcess> executables = new ConcurrentHashMap<>();

    public ProcessDefinitions(BpmnTransformer transformer) {
        this.transformer = transformer;
    }

    public Optional<ProcessDefinition> find(SqlSession sql, long key) {
        ProcessDefinition cached = definitions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProcessDefinition> row = sql.one(
                "SELECT " + COLUMNS + " FROM engine.process_definition WHERE " + "process_definition_key = ?",
                ProcessDefinitions::map,
                key);
        row.ifPresent(d -> definitions.put(key, d));
        return row;
    }

    public Optional<ProcessDefinition> latest(SqlSession sql, String tenantId, String bpmnProcessId) {
        return sql.one(
                "SELECT " + COLUMNS + " FROM engine.process_definition WHERE tenant_id = ? AND bpmn_process_id = ? "
                        + "ORDER BY version DESC LIMIT 1",
                ProcessDefinitions::map,
                tenantId,
                bpmnProcessId);
    }

    public Optional<ProcessDefinition> version(SqlSession sql, String tenantId, String bpmnProcessId, int version) {
        return sql.one(
                "SELECT " + COLUMNS + " FROM engine.process_definition WHERE tenant_id = ? AND bpmn_process_id = ? "
                        + "AND version = ?",
                ProcessDefinitions::map,
                tenantId,
                bpmnProcessId,
                version);
    }

    public ExecutableProcess executable(SqlSession sql, long key) {
        ExecutableProcess cached = executables.get(key);
        if (cached != null) {
            return cached;
        }
        String xml = sql.one(
                        "SELECT bpmn_xml FROM engine.process_definition WHERE process_definition_key = ?",
                        rs -> rs.getString(1),
                        key)
                .orElseThrow(() -> new IllegalStateException("no process definition " + key));
        ProcessDefinition definition = find(sql, key).orElseThrow();
        BpmnModelInstance model =
                Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        ExecutableProcess executable = transformer.transform(model).stream()
                .filter(p -> p.bpmnProcessId().equals(definition.bpmnProcessId()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("process " + definition.bpmnProcessId() + " vanished from its XML"));
        executables.put(key, executable);
        return executable;
    }

    /** A definition this process just deployed: later reads in the same JVM need not parse its XML again. */
    public void remember(ProcessDefinition definition, ExecutableProcess executable) {
        definitions.put(definition.key(), definition);
        executables.put(definition.key(), executable);
    }

    static ProcessDefinition map(ResultSet rs) throws SQLException {
        return new ProcessDefinition(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8));
    }
}
