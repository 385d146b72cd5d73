package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.command.ProcessInstanceCommands.Created;
import io.dmflow.engine.rejection.EngineRejection;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Path("/v2/process-instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProcessInstanceResource {
    @Inject
    EmbeddedEngine engine;

    @Context
    UriInfo uriInfo;

    @POST
    @Blocking
    public CompletionStage<Response> create(Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        String path = uriInfo.getPath();
        String keyText = body.string("processDefinitionKey");
        String processId = body.string("processDefinitionId");
        if (keyText == null && processId == null) {
            throw EngineRejection.invalidArgument("Expected either processDefinitionKey or processDefinitionId");
        }
        if (body.list("startInstructions") != null
                && !body.list("startInstructions").isEmpty()) {
            throw EngineRejection.invalidArgument("startInstructions are not supported by the embedded engine");
        }
        boolean await = body.bool("awaitCompletion");
        Created created = engine.processInstances()
                .create(
                        keyText == null ? null : RequestBody.key(keyText, "processDefinitionKey"),
                        processId,
                        body.intValue("processDefinitionVersion"),
                        body.string("tenantId"),
                        body.object("variables"),
                        body.strings("tags"),
                        body.string("businessId"),
                        await);
        if (!await) {
            return CompletableFuture.completedFuture(
                    Response.ok(result(created, Map.of(), body)).build());
        }
        Long requestTimeout = body.longValue("requestTimeout");
        long timeout = requestTimeout == null || requestTimeout <= 0
                ? engine.config().defaultAwaitTimeout().toMillis()
                : requestTimeout;
        List<String> fetch = body.strings("fetchVariables");
        return created.completion().orTimeout(timeout, TimeUnit.MILLISECONDS).handle((variables, error) -> {
            if (error != null) {
                engine.processInstances().forgetAwait(created.processInstanceKey());
                if (error instanceof TimeoutException || error.getCause() instanceof TimeoutException) {
                    return Problems.of(
                            EngineRejection.deadlineExceeded(
                                    "Expected the process instance '" + created.processInstanceKey()
                                            + "' to complete within " + timeout + " ms, but it did not"),
                            path);
                }
                return Problems.of(error, path);
            }
            Map<String, Object> selected = new LinkedHashMap<>(variables);
            if (fetch != null && !fetch.isEmpty()) {
                selected.keySet().retainAll(fetch);
            }
            return Response.ok(result(created, selected, body)).build();
        });
    }

    private static Map<String, Object> result(Created created, Map<String, Object> variables, RequestBody body) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processDefinitionId", created.definition().bpmnProcessId());
        result.put("processDefinitionVersion", created.definition().version());
        result.put("processDefinitionKey", Keys.text(created.definition().key()));
        result.put("processInstanceKey", Keys.text(created.processInstanceKey()));
        result.put("tenantId", created.definition().tenantId());
        result.put("variables", variables);
        result.put("tags", body.strings("tags") == null ? List.of() : body.strings("tags"));
        return result;
    }

    @POST
    @Path("/{key}/cancellation")
    public Response cancel(@PathParam("key") String key) {
        engine.processInstances().cancel(RequestBody.key(key, "processInstanceKey"));
        return Response.noContent().build();
    }

    @POST
    @Path("/search")
    public Map<String, Object> search(Map<String, Object> body) {
        return engine.queries().processInstances(body, null);
    }

    @jakarta.ws.rs.GET
    @Path("/{key}")
    public Map<String, Object> get(@PathParam("key") String key) {
        return engine.queries().processInstance(RequestBody.key(key, "processInstanceKey"));
    }

    @jakarta.ws.rs.GET
    @Path("/{key}/call-hierarchy")
    public List<Map<String, Object>> callHierarchy(@PathParam("key") String key) {
        return engine.queries().callHierarchy(RequestBody.key(key, "processInstanceKey"));
    }

    @jakarta.ws.rs.GET
    @Path("/{key}/sequence-flows")
    public Map<String, Object> sequenceFlows(@PathParam("key") String key) {
        return engine.queries().sequenceFlows(RequestBody.key(key, "processInstanceKey"));
    }

    @jakarta.ws.rs.GET
    @Path("/{key}/statistics/element-instances")
    public Map<String, Object> statistics(@PathParam("key") String key) {
        return engine.queries().elementStatistics("process_instance_key", RequestBody.key(key, "processInstanceKey"));
    }

    @POST
    @Path("/{key}/incidents/search")
    public Map<String, Object> incidents(@PathParam("key") String key, Map<String, Object> body) {
        long pi = RequestBody.key(key, "processInstanceKey");
        engine.queries().processInstance(pi);
        return engine.queries().incidents(body, Map.of("rootProcessInstanceKey", pi));
    }
}
