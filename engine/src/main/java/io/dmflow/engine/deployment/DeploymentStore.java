package io.dmflow.engine.deployment;

import io.dmflow.engine.state.SqlSession;
import java.util.Optional;

/** Deployments and the process definition rows they add, one command's worth. */
public final class DeploymentStore {
    /** All deployments take this lock: versions of one process id are assigned one at a time. */
    private static final long DEPLOYMENT_LOCK = 0x646d666c6f77L;

    private final SqlSession sql;

    public DeploymentStore(SqlSession sql) {
        this.sql = sql;
    }

    /** Held until the transaction ends. */
    public void lockDeployments() {
        sql.one("SELECT pg_advisory_xact_lock(?)", rs -> 1, DEPLOYMENT_LOCK);
    }

    public void createDeployment(long deploymentKey, String tenantId, long now) {
        sql.update(
                "INSERT INTO engine.deployment (deployment_key, tenant_id, create_time) VALUES (?,?,?)",
                deploymentKey,
                tenantId,
                now);
    }

    /** The checksum of the latest version: a resource deployed again unchanged makes no new version. */
    public Optional<String> latestChecksum(String tenantId, String bpmnProcessId) {
        return sql.one(
                "SELECT checksum FROM engine.process_definition WHERE tenant_id = ? "
                        + "AND bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
                rs -> rs.getString(1),
                tenantId,
                bpmnProcessId);
    }

    public int nextVersion(String tenantId, String bpmnProcessId) {
        return sql.one(
                        "SELECT coalesce(max(version), 0) + 1 FROM engine.process_definition WHERE tenant_id = ? "
                                + "AND bpmn_process_id = ?",
                        rs -> rs.getInt(1),
                        tenantId,
                        bpmnProcessId)
                .orElse(1);
    }

    public void createDefinition(ProcessDefinition definition, String checksum, String bpmnXml, long now) {
        sql.update(
                "INSERT INTO engine.process_definition (process_definition_key, bpmn_process_id, version, version_tag, "
                        + "name, resource_name, checksum, bpmn_xml, tenant_id, deployment_key, create_time) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                definition.key(),
                definition.bpmnProcessId(),
                definition.version(),
                definition.versionTag(),
                definition.name(),
                definition.resourceName(),
                checksum,
                bpmnXml,
                definition.tenantId(),
                definition.deploymentKey(),
                now);
    }
}
