package io.dmflow.engine.query;

import io.dmflow.engine.deployment.ProcessDefinitions;
import io.dmflow.engine.query.SearchQuery.Field;
import io.dmflow.engine.query.SearchQuery.Kind;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.state.SqlSession;
import io.dmflow.engine.state.StateAccessException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/** Read side for monitoring: searches and gets straight from the engine tables. */
public final class MonitoringQueries {
    private static final String HAS_INCIDENT_PI =
            "EXISTS (SELECT 1 FROM engine.incident i WHERE i.state = 'ACTIVE' AND "
                    + "(i.process_instance_key = p.process_instance_key OR i.root_process_instance_key = p.process_instance_key))";
    /** An element "has an incident" while an active incident sits on it or anywhere below it. */
    private static final String EI_HAS_INCIDENT =
            "EXISTS (SELECT 1 FROM engine.incident i JOIN engine.element_instance x "
                    + "ON x.element_instance_key = i.element_instance_key WHERE i.state = 'ACTIVE' "
                    + "AND i.process_instance_key = e.process_instance_key AND e.element_instance_key = ANY(x.scope_path))";

    private static final String EI_STATE = "CASE e.lifecycle WHEN 'COMPLETED' THEN 'COMPLETED' WHEN 'TERMINATED' "
            + "THEN 'TERMINATED' ELSE 'ACTIVE' END";

    private static final SearchQuery PROCESS_INSTANCES = new SearchQuery(
            "engine.process_instance p JOIN engine.process_definition d ON d.process_definition_key = p.process_definition_key",
            Map.ofEntries(
                    Map.entry("processInstanceKey", new Field("p.process_instance_key", Kind.KEY)),
                    Map.entry("processDefinitionId", new Field("p.bpmn_process_id", Kind.STRING)),
                    Map.entry("processDefinitionName", new Field("d.name", Kind.STRING)),
                    Map.entry("processDefinitionVersion", new Field("p.version", Kind.INT)),
                    Map.entry("processDefinitionVersionTag", new Field("d.version_tag", Kind.STRING)),
                    Map.entry("processDefinitionKey", new Field("p.process_definition_key", Kind.KEY)),
                    Map.entry("parentProcessInstanceKey", new Field("p.parent_process_instance_key", Kind.KEY)),
                    Map.entry("parentElementInstanceKey", new Field("p.parent_element_instance_key", Kind.KEY)),
                    Map.entry("startDate", new Field("p.start_time", Kind.DATE)),
                    Map.entry("endDate", new Field("p.end_time", Kind.DATE)),
                    Map.entry("state", new Field("p.state", Kind.STRING)),
                    Map.entry("hasIncident", new Field(HAS_INCIDENT_PI, Kind.BOOL)),
                    Map.entry("tenantId", new Field("p.tenant_id", Kind.STRING)),
                    Map.entry("businessId", new Field("p.business_id", Kind.STRING))),
            "p.process_instance_key",
            Map.of("variables", MonitoringQueries::rootVariablesFilter));
    private static final String PROCESS_INSTANCE_COLUMNS =
            "p.process_instance_key, p.bpmn_process_id, d.name, p.version, "
                    + "d.version_tag, p.process_definition_key, p.parent_process_instance_key, p.parent_element_instance_key, "
                    + "p.root_process_instance_key, p.start_time, p.end_time, p.state, " + HAS_INCIDENT_PI
                    + " AS has_incident, "
                    + "p.tenant_id, p.tags, p.business_id";

    private static final SearchQuery ELEMENT_INSTANCES = new SearchQuery(
            "engine.element_instance e",
            Map.ofEntries(
                    Map.entry("elementInstanceKey", new Field("e.element_instance_key", Kind.KEY)),
                    Map.entry("processInstanceKey", new Field("e.process_instance_key", Kind.KEY)),
                    Map.entry("processDefinitionKey", new Field("e.process_definition_key", Kind.KEY)),
                    Map.entry("processDefinitionId", new Field("e.bpmn_process_id", Kind.STRING)),
                    Map.entry("elementId", new Field("e.element_id", Kind.STRING)),
                    Map.entry("type", new Field("e.element_type", Kind.STRING)),
                    Map.entry("state", new Field(EI_STATE, Kind.STRING)),
                    Map.entry("hasIncident", new Field(EI_HAS_INCIDENT, Kind.BOOL)),
                    Map.entry("incidentKey", new Field("e.incident_key", Kind.KEY)),
                    Map.entry("tenantId", new Field("e.tenant_id", Kind.STRING)),
                    Map.entry("startDate", new Field("e.start_time", Kind.DATE)),
                    Map.entry("endDate", new Field("e.end_time", Kind.DATE)),
                    Map.entry(
                            "elementInstanceScopeKey",
                            new Field(
                                    "coalesce(e.flow_scope_key, (SELECT parent_element_instance_key "
                                            + "FROM engine.process_instance x WHERE x.process_instance_key = e.element_instance_key))",
                                    Kind.KEY))),
            "e.element_instance_key");

    private static final SearchQuery INCIDENTS = new SearchQuery(
            "engine.incident n",
            Map.ofEntries(
                    Map.entry("incidentKey", new Field("n.incident_key", Kind.KEY)),
                    Map.entry("processDefinitionKey", new Field("n.process_definition_key", Kind.KEY)),
                    Map.entry("processDefinitionId", new Field("n.bpmn_process_id", Kind.STRING)),
                    Map.entry("processInstanceKey", new Field("n.process_instance_key", Kind.KEY)),
                    Map.entry("rootProcessInstanceKey", new Field("n.root_process_instance_key", Kind.KEY)),
                    Map.entry("elementInstanceKey", new Field("n.element_instance_key", Kind.KEY)),
                    Map.entry("elementId", new Field("n.element_id", Kind.STRING)),
                    Map.entry("errorType", new Field("n.error_type", Kind.STRING)),
                    Map.entry("errorMessage", new Field("n.error_message", Kind.STRING)),
                    Map.entry("creationTime", new Field("n.creation_time", Kind.DATE)),
                    Map.entry("state", new Field("n.state", Kind.STRING)),
                    Map.entry("jobKey", new Field("n.job_key", Kind.KEY)),
                    Map.entry("tenantId", new Field("n.tenant_id", Kind.STRING))),
            "n.incident_key");

    private static final SearchQuery VARIABLES = new SearchQuery(
            "engine.variable v",
            Map.ofEntries(
                    Map.entry("variableKey", new Field("v.variable_key", Kind.KEY)),
                    Map.entry("name", new Field("v.name", Kind.STRING)),
                    Map.entry("value", new Field("v.value", Kind.STRING)),
                    Map.entry("scopeKey", new Field("v.scope_key", Kind.KEY)),
                    Map.entry("processInstanceKey", new Field("v.process_instance_key", Kind.KEY)),
                    Map.entry("processDefinitionKey", new Field("v.process_definition_key", Kind.KEY)),
                    Map.entry("tenantId", new Field("v.tenant_id", Kind.STRING))),
            "v.variable_key");

    private static final SearchQuery JOBS = new SearchQuery(
            "engine.job j",
            Map.ofEntries(
                    Map.entry("jobKey", new Field("j.job_key", Kind.KEY)),
                    Map.entry("type", new Field("j.type", Kind.STRING)),
                    Map.entry("worker", new Field("j.worker", Kind.STRING)),
                    Map.entry("state", new Field("j.last_event", Kind.STRING)),
                    Map.entry("kind", new Field("j.kind", Kind.STRING)),
                    Map.entry("listenerEventType", new Field("j.listener_event_type", Kind.STRING)),
                    Map.entry("retries", new Field("j.retries", Kind.INT)),
                    Map.entry("processDefinitionId", new Field("j.bpmn_process_id", Kind.STRING)),
                    Map.entry("processDefinitionKey", new Field("j.process_definition_key", Kind.KEY)),
                    Map.entry("processInstanceKey", new Field("j.process_instance_key", Kind.KEY)),
                    Map.entry("elementId", new Field("j.element_id", Kind.STRING)),
                    Map.entry("elementInstanceKey", new Field("j.element_instance_key", Kind.KEY)),
                    Map.entry("deadline", new Field("j.deadline", Kind.DATE)),
                    Map.entry("endTime", new Field("j.end_time", Kind.DATE)),
                    Map.entry("errorCode", new Field("j.error_code", Kind.STRING)),
                    Map.entry("errorMessage", new Field("j.error_message", Kind.STRING)),
                    Map.entry("tenantId", new Field("j.tenant_id", Kind.STRING)),
                    Map.entry("creationTime", new Field("j.creation_time", Kind.DATE)),
                    Map.entry("lastUpdateTime", new Field("j.last_update_time", Kind.DATE))),
            "j.job_key");

    private static final String LATEST = "(d.version = (SELECT max(version) FROM engine.process_definition l WHERE "
            + "l.bpmn_process_id = d.bpmn_process_id AND l.tenant_id = d.tenant_id))";
    private static final SearchQuery DEFINITIONS = new SearchQuery(
            "engine.process_definition d",
            Map.ofEntries(
                    Map.entry("processDefinitionKey", new Field("d.process_definition_key", Kind.KEY)),
                    Map.entry("processDefinitionId", new Field("d.bpmn_process_id", Kind.STRING)),
                    Map.entry("name", new Field("d.name", Kind.STRING)),
                    Map.entry("version", new Field("d.version", Kind.INT)),
                    Map.entry("versionTag", new Field("d.version_tag", Kind.STRING)),
                    Map.entry("resourceName", new Field("d.resource_name", Kind.STRING)),
                    Map.entry("tenantId", new Field("d.tenant_id", Kind.STRING)),
                    Map.entry("isLatestVersion", new Field(LATEST, Kind.BOOL))),
            "d.process_definition_key");

    private static final String SUBSCRIPTION_STATE = "CASE s.state WHEN 'CORRELATING' THEN 'CREATED' ELSE s.state END";
    private static final SearchQuery SUBSCRIPTIONS = new SearchQuery(
            "engine.message_subscription s",
            Map.ofEntries(
                    Map.entry("messageSubscriptionKey", new Field("s.subscription_key", Kind.KEY)),
                    Map.entry("processDefinitionKey", new Field("s.process_definition_key", Kind.KEY)),
                    Map.entry("processDefinitionId", new Field("s.bpmn_process_id", Kind.STRING)),
                    Map.entry("processInstanceKey", new Field("s.process_instance_key", Kind.KEY)),
                    Map.entry("rootProcessInstanceKey", new Field("s.root_process_instance_key", Kind.KEY)),
                    Map.entry("elementId", new Field("s.target_element_id", Kind.STRING)),
                    Map.entry("elementInstanceKey", new Field("s.owner_key", Kind.KEY)),
                    Map.entry("messageSubscriptionState", new Field(SUBSCRIPTION_STATE, Kind.STRING)),
                    Map.entry("lastUpdatedDate", new Field("s.last_updated", Kind.DATE)),
                    Map.entry("messageName", new Field("s.message_name", Kind.STRING)),
                    Map.entry("correlationKey", new Field("s.correlation_key", Kind.STRING)),
                    Map.entry("tenantId", new Field("s.tenant_id", Kind.STRING))),
            "s.subscription_key");

    /**
     * {@code variables: [{name, value}]}: instances whose root scope holds each variable with that
     * JSON-serialized value (a string x is matched as "\"x\""), as the v2 API defines it.
     */
    private static void rootVariablesFilter(Object condition, List<String> where, List<Object> args) {
        if (!(condition instanceof List<?> variables)) {
            throw EngineRejection.invalidArgument("Expected 'variables' to be an array of {name, value}");
        }
        for (Object entry : variables) {
            if (!(entry instanceof Map<?, ?> variable) || variable.get("name") == null) {
                throw EngineRejection.invalidArgument("Expected each variable filter to have a name and a value");
            }
            Object value = variable.get("value");
            if (value instanceof Map<?, ?> operators && operators.get("$eq") != null) {
                value = operators.get("$eq");
            }
            try {
                JsonValues.read(String.valueOf(value));
            } catch (IllegalStateException e) {
                throw EngineRejection.invalidArgument("Expected the value of variable filter '" + variable.get("name")
                        + "' to be JSON (a string as \"\\\"text\\\"\"), but was " + value);
            }
            where.add(
                    "EXISTS (SELECT 1 FROM engine.variable v WHERE v.scope_key = p.process_instance_key AND v.name = ? "
                            + "AND v.value::jsonb = ?::jsonb)");
            args.add(String.valueOf(variable.get("name")));
            args.add(String.valueOf(value));
        }
    }

    private final DataSource dataSource;
    private final ProcessDefinitions definitions;

    public MonitoringQueries(DataSource dataSource, ProcessDefinitions definitions) {
        this.dataSource = dataSource;
        this.definitions = definitions;
    }

    public Map<String, Object> processInstances(Map<String, Object> body, Map<String, Object> fixed) {
        return read(sql -> SearchQuery.envelope(
                PROCESS_INSTANCES.run(sql, body, PROCESS_INSTANCE_COLUMNS, MonitoringQueries::processInstance, fixed)));
    }

    public Map<String, Object> processInstance(long key) {
        return single(processInstances(null, Map.of("processInstanceKey", key)), "process instance", key);
    }

    public Map<String, Object> elementInstances(Map<String, Object> body) {
        return read(sql -> SearchQuery.envelope(ELEMENT_INSTANCES.run(
                sql, body, "e.*, " + EI_HAS_INCIDENT + " AS has_incident", rs -> elementInstance(sql, rs), null)));
    }

    public Map<String, Object> elementInstance(long key) {
        return read(sql -> single(
                SearchQuery.envelope(ELEMENT_INSTANCES.run(
                        sql,
                        null,
                        "e.*, " + EI_HAS_INCIDENT + " AS has_incident",
                        rs -> elementInstance(sql, rs),
                        Map.of("elementInstanceKey", key))),
                "element instance",
                key));
    }

    public Map<String, Object> incidents(Map<String, Object> body, Map<String, Object> fixed) {
        return read(sql -> SearchQuery.envelope(INCIDENTS.run(sql, body, "n.*", MonitoringQueries::incident, fixed)));
    }

    public Map<String, Object> incident(long key) {
        return single(incidents(null, Map.of("incidentKey", key)), "incident", key);
    }

    public Map<String, Object> variables(Map<String, Object> body, boolean truncate) {
        return read(sql -> SearchQuery.envelope(VARIABLES.run(sql, body, "v.*", rs -> variable(rs, truncate), null)));
    }

    public Map<String, Object> variable(long key) {
        return read(sql -> single(
                SearchQuery.envelope(
                        VARIABLES.run(sql, null, "v.*", rs -> variable(rs, false), Map.of("variableKey", key))),
                "variable",
                key));
    }

    public Map<String, Object> jobs(Map<String, Object> body) {
        return read(sql -> SearchQuery.envelope(JOBS.run(sql, body, "j.*", MonitoringQueries::job, null)));
    }

    /** Open and past message subscriptions: which instances wait for which (name, correlation key). */
    public Map<String, Object> messageSubscriptions(Map<String, Object> body) {
        return read(sql -> SearchQuery.envelope(SUBSCRIPTIONS.run(
                sql,
                body,
                "s.*, " + SUBSCRIPTION_STATE + " AS visible_state",
                rs -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("messageSubscriptionKey", key(rs, "subscription_key"));
                    item.put("processDefinitionId", rs.getString("bpmn_process_id"));
                    item.put("processDefinitionKey", key(rs, "process_definition_key"));
                    item.put("processInstanceKey", key(rs, "process_instance_key"));
                    item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
                    item.put("elementId", rs.getString("target_element_id"));
                    item.put("elementInstanceKey", key(rs, "owner_key"));
                    item.put("messageSubscriptionState", rs.getString("visible_state"));
                    item.put("lastUpdatedDate", date(rs, "last_updated"));
                    item.put("messageName", rs.getString("message_name"));
                    item.put("correlationKey", rs.getString("correlation_key"));
                    item.put("tenantId", rs.getString("tenant_id"));
                    return item;
                },
                null)));
    }

    public Map<String, Object> processDefinitions(Map<String, Object> body) {
        return read(
                sql -> SearchQuery.envelope(DEFINITIONS.run(sql, body, "d.*", MonitoringQueries::definition, null)));
    }

    public Map<String, Object> processDefinition(long key) {
        return read(sql -> single(
                SearchQuery.envelope(DEFINITIONS.run(
                        sql, null, "d.*", MonitoringQueries::definition, Map.of("processDefinitionKey", key))),
                "process definition",
                key));
    }

    public String processDefinitionXml(long key) {
        return read(sql -> sql.one(
                        "SELECT bpmn_xml FROM engine.process_definition WHERE process_definition_key = ?",
                        rs -> rs.getString(1),
                        key)
                .orElseThrow(() -> notFound("process definition", key)));
    }

    /** Per element: active, completed, canceled (terminated) and incident counts. */
    public Map<String, Object> elementStatistics(String scopeColumn, long key) {
        return read(sql -> {
            List<Map<String, Object>> items = sql.list(
                    "SELECT element_id, count(*) FILTER (WHERE end_time IS NULL), "
                            + "count(*) FILTER (WHERE lifecycle = 'COMPLETED'), count(*) FILTER (WHERE lifecycle = 'TERMINATED'), "
                            + "count(*) FILTER (WHERE incident_key IS NOT NULL AND end_time IS NULL) FROM engine.element_instance WHERE "
                            + scopeColumn
                            + " = ? AND element_type <> 'PROCESS' GROUP BY element_id ORDER BY element_id",
                    rs -> {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("elementId", rs.getString(1));
                        item.put("active", rs.getLong(2));
                        item.put("completed", rs.getLong(3));
                        item.put("canceled", rs.getLong(4));
                        item.put("incidents", rs.getLong(5));
                        return item;
                    },
                    key);
            return Map.of("items", items);
        });
    }

    /** The instance and its callers, root first (a breadcrumb for call activities). */
    public List<Map<String, Object>> callHierarchy(long processInstanceKey) {
        return read(sql -> {
            List<Map<String, Object>> chain = new java.util.ArrayList<>();
            Long current = processInstanceKey;
            while (current != null) {
                long key = current;
                Object[] row = sql.one(
                                "SELECT p.parent_process_instance_key, p.process_definition_key, "
                                        + "coalesce(d.name, d.bpmn_process_id) FROM engine.process_instance p JOIN engine.process_definition d "
                                        + "ON d.process_definition_key = p.process_definition_key WHERE p.process_instance_key = ?",
                                rs -> new Object[] {
                                    SqlSession.nullableLong(rs, "parent_process_instance_key"),
                                    rs.getLong(2),
                                    rs.getString(3)
                                },
                                key)
                        .orElseThrow(() -> notFound("process instance", key));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("processInstanceKey", Long.toString(key));
                entry.put("processDefinitionKey", Long.toString((Long) row[1]));
                entry.put("processDefinitionName", row[2]);
                chain.add(0, entry);
                current = (Long) row[0];
            }
            return chain;
        });
    }

    public Map<String, Object> sequenceFlows(long processInstanceKey) {
        return read(sql -> {
            List<Map<String, Object>> items = sql.list(
                    "SELECT f.sequence_flow_id, p.root_process_instance_key, "
                            + "p.process_definition_key, p.bpmn_process_id, p.tenant_id FROM engine.sequence_flow_taken f JOIN "
                            + "engine.process_instance p ON p.process_instance_key = f.process_instance_key WHERE f.process_instance_key = ?",
                    rs -> {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("sequenceFlowId", rs.getString(1));
                        item.put("elementId", rs.getString(1));
                        item.put("processInstanceKey", Long.toString(processInstanceKey));
                        item.put("rootProcessInstanceKey", Long.toString(rs.getLong(2)));
                        item.put("processDefinitionKey", Long.toString(rs.getLong(3)));
                        item.put("processDefinitionId", rs.getString(4));
                        item.put("tenantId", rs.getString(5));
                        return item;
                    },
                    processInstanceKey);
            return Map.of("items", items);
        });
    }

    private <T> T read(Function<SqlSession, T> query) {
        try (Connection connection = dataSource.getConnection()) {
            return query.apply(new SqlSession(connection));
        } catch (SQLException e) {
            throw new StateAccessException("query", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> single(Map<String, Object> envelope, String what, long key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) envelope.get("items");
        if (items.isEmpty()) {
            throw notFound(what, key);
        }
        return items.get(0);
    }

    private static EngineRejection notFound(String what, long key) {
        return EngineRejection.notFound(
                what.substring(0, 1).toUpperCase() + what.substring(1) + " with key '" + key + "' not found");
    }

    static String date(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull()
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        Instant.ofEpochMilli(value).atOffset(ZoneOffset.UTC));
    }

    static String key(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Long.toString(value);
    }

    private static Map<String, Object> processInstance(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("processInstanceKey", key(rs, "process_instance_key"));
        item.put("processDefinitionId", rs.getString("bpmn_process_id"));
        item.put(
                "processDefinitionName",
                rs.getString("name") == null ? rs.getString("bpmn_process_id") : rs.getString("name"));
        item.put("processDefinitionVersion", rs.getInt("version"));
        item.put("processDefinitionVersionTag", rs.getString("version_tag"));
        item.put("processDefinitionKey", key(rs, "process_definition_key"));
        item.put("parentProcessInstanceKey", key(rs, "parent_process_instance_key"));
        item.put("parentElementInstanceKey", key(rs, "parent_element_instance_key"));
        item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
        item.put("startDate", date(rs, "start_time"));
        item.put("endDate", date(rs, "end_time"));
        item.put("state", rs.getString("state"));
        item.put("hasIncident", rs.getBoolean("has_incident"));
        item.put("tenantId", rs.getString("tenant_id"));
        item.put("tags", JsonValues.read(rs.getString("tags")));
        item.put("businessId", rs.getString("business_id"));
        return item;
    }

    private Map<String, Object> elementInstance(SqlSession sql, ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        String elementId = rs.getString("element_id");
        long definitionKey = rs.getLong("process_definition_key");
        String name = elementId;
        try {
            name = definitions
                    .executable(sql, definitionKey)
                    .findElement(elementId)
                    .map(e -> e.name())
                    .orElse(elementId);
        } catch (RuntimeException e) {
            // a definition that no longer parses still lists its instances, by element id
        }
        String lifecycle = rs.getString("lifecycle");
        item.put("elementInstanceKey", key(rs, "element_instance_key"));
        item.put("processInstanceKey", key(rs, "process_instance_key"));
        item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
        item.put("processDefinitionKey", Long.toString(definitionKey));
        item.put("processDefinitionId", rs.getString("bpmn_process_id"));
        item.put("elementId", elementId);
        item.put("elementName", name);
        item.put("type", rs.getString("element_type"));
        item.put("state", "COMPLETED".equals(lifecycle) || "TERMINATED".equals(lifecycle) ? lifecycle : "ACTIVE");
        item.put("hasIncident", rs.getBoolean("has_incident"));
        item.put("incidentKey", key(rs, "incident_key"));
        item.put("tenantId", rs.getString("tenant_id"));
        item.put("startDate", date(rs, "start_time"));
        item.put("endDate", date(rs, "end_time"));
        return item;
    }

    private static Map<String, Object> incident(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("incidentKey", key(rs, "incident_key"));
        item.put("processDefinitionKey", key(rs, "process_definition_key"));
        item.put("processDefinitionId", rs.getString("bpmn_process_id"));
        item.put("processInstanceKey", key(rs, "process_instance_key"));
        item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
        item.put("elementInstanceKey", key(rs, "element_instance_key"));
        item.put("elementId", rs.getString("element_id"));
        item.put("errorType", rs.getString("error_type"));
        item.put("errorMessage", rs.getString("error_message"));
        item.put("creationTime", date(rs, "creation_time"));
        item.put("state", rs.getString("state"));
        item.put("jobKey", key(rs, "job_key"));
        item.put("tenantId", rs.getString("tenant_id"));
        return item;
    }

    private static final int TRUNCATE_AT = 8192;

    private static Map<String, Object> variable(ResultSet rs, boolean truncate) throws SQLException {
        String value = rs.getString("value");
        boolean truncated = truncate && value.length() > TRUNCATE_AT;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("variableKey", key(rs, "variable_key"));
        item.put("name", rs.getString("name"));
        item.put("value", truncated ? value.substring(0, TRUNCATE_AT) : value);
        item.put("isTruncated", truncated);
        item.put("scopeKey", key(rs, "scope_key"));
        item.put("processInstanceKey", key(rs, "process_instance_key"));
        item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
        item.put("tenantId", rs.getString("tenant_id"));
        return item;
    }

    private static Map<String, Object> job(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("jobKey", key(rs, "job_key"));
        item.put("type", rs.getString("type"));
        item.put("worker", rs.getString("worker"));
        item.put("state", rs.getString("last_event"));
        item.put("kind", rs.getString("kind"));
        item.put("listenerEventType", rs.getString("listener_event_type"));
        item.put("retries", rs.getInt("retries"));
        item.put("hasFailedWithRetriesLeft", "FAILED".equals(rs.getString("last_event")) && rs.getInt("retries") > 0);
        item.put("processDefinitionId", rs.getString("bpmn_process_id"));
        item.put("processDefinitionKey", key(rs, "process_definition_key"));
        item.put("processInstanceKey", key(rs, "process_instance_key"));
        item.put("rootProcessInstanceKey", key(rs, "root_process_instance_key"));
        item.put("elementId", rs.getString("element_id"));
        item.put("elementInstanceKey", key(rs, "element_instance_key"));
        item.put("customHeaders", JsonValues.readObject(rs.getString("custom_headers")));
        item.put("deadline", date(rs, "deadline"));
        item.put("endTime", date(rs, "end_time"));
        item.put("errorCode", rs.getString("error_code"));
        item.put("errorMessage", rs.getString("error_message"));
        item.put("tenantId", rs.getString("tenant_id"));
        item.put("creationTime", date(rs, "creation_time"));
        item.put("lastUpdateTime", date(rs, "last_update_time"));
        return item;
    }

    private static Map<String, Object> definition(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("processDefinitionKey", key(rs, "process_definition_key"));
        item.put("processDefinitionId", rs.getString("bpmn_process_id"));
        item.put("name", rs.getString("name"));
        item.put("version", rs.getInt("version"));
        item.put("versionTag", rs.getString("version_tag"));
        item.put("resourceName", rs.getString("resource_name"));
        item.put("tenantId", rs.getString("tenant_id"));
        item.put("hasStartForm", false);
        return item;
    }
}
