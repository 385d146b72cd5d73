package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.job.ActivatedJob;
import io.dmflow.engine.job.ActivationRequest;
import io.dmflow.engine.job.JobActivations;
import io.dmflow.engine.job.JobRecord;
import io.dmflow.engine.state.JsonValues;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Path("/v2/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    EmbeddedEngine engine;

    @Context
    UriInfo uriInfo;

    /**
     * Long polling. The routing context's end handlers learn whether the answer reached the
     * client: when the connection closes first (while parked, or before the jobs were written),
     * the activation is abandoned and its jobs given back.
     */
    @POST
    @Path("/activation")
    @Blocking
    public CompletionStage<Response> activate(Map<String, Object> json, @Context RoutingContext routing) {
        RequestBody body = new RequestBody(json);
        String path = uriInfo.getPath();
        String type = body.requiredString("type");
        Long timeout = body.longValue("timeout");
        Integer max = body.intValue("maxJobsToActivate");
        if (timeout == null || timeout <= 0) {
            throw io.dmflow.engine.rejection.EngineRejection.invalidArgument(
                    "Expected timeout to be greater than zero");
        }
        if (max == null || max <= 0) {
            throw io.dmflow.engine.rejection.EngineRejection.invalidArgument(
                    "Expected maxJobsToActivate to be greater than zero");
        }
        Long requestTimeout = body.longValue("requestTimeout");
        ActivationRequest request = new ActivationRequest(
                type,
                body.string("worker") == null ? "default" : body.string("worker"),
                timeout,
                max,
                body.strings("fetchVariable"),
                requestTimeout == null ? 0 : requestTimeout,
                body.strings("tenantIds"));
        JobActivations activations = engine.activations();
        CompletableFuture<List<ActivatedJob>> answer = new CompletableFuture<>();
        routing.addEndHandler(outcome -> {
            if (outcome.failed()) {
                activations.abandon(answer);
            }
        });
        if (routing.response().closed()) {
            activations.abandon(answer); // closed before the end handler was in place
        }
        activations.activate(request, answer);
        return answer.handle((jobs, error) -> {
            if (answer.isCancelled()) {
                return Response.ok(Map.of("jobs", List.of())).build(); // abandoned: nobody reads it
            }
            if (error != null) {
                return Problems.of(error, path);
            }
            List<Map<String, Object>> items = new ArrayList<>(jobs.size());
            jobs.forEach(job -> items.add(json(job)));
            return Response.ok(Map.of("jobs", items)).build();
        });
    }

    private static Map<String, Object> json(ActivatedJob activated) {
        JobRecord job = activated.job();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobKey", Keys.text(job.key()));
        out.put("type", job.type());
        out.put("processDefinitionId", job.bpmnProcessId());
        out.put("processDefinitionVersion", job.processDefinitionVersion());
        out.put("processDefinitionKey", Keys.text(job.processDefinitionKey()));
        out.put("processInstanceKey", Keys.text(job.processInstanceKey()));
        out.put("rootProcessInstanceKey", Keys.text(job.rootProcessInstanceKey()));
        out.put("elementId", job.elementId());
        out.put("elementInstanceKey", Keys.text(job.elementInstanceKey()));
        out.put("customHeaders", JsonValues.readObject(job.customHeaders()));
        out.put("worker", activated.worker());
        out.put("retries", job.retries());
        out.put("deadline", activated.deadline());
        out.put("variables", activated.variables());
        out.put("tenantId", job.tenantId());
        out.put("kind", "BPMN_ELEMENT");
        out.put("listenerEventType", "UNSPECIFIED");
        out.put("userTask", null);
        out.put("tags", JsonValues.read(job.tags()));
        return out;
    }

    @POST
    @Path("/{key}/completion")
    public Response complete(@PathParam("key") String key, Map<String, Object> json) {
        engine.jobs().complete(RequestBody.key(key, "jobKey"), new RequestBody(json).object("variables"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{key}/failure")
    public Response fail(@PathParam("key") String key, Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        Integer retries = body.intValue("retries");
        Long backoff = body.longValue("retryBackOff");
        engine.jobs()
                .fail(
                        RequestBody.key(key, "jobKey"),
                        retries == null ? 0 : retries,
                        body.string("errorMessage"),
                        backoff == null ? 0 : backoff,
                        body.object("variables"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{key}/error")
    public Response throwError(@PathParam("key") String key, Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        engine.jobs()
                .throwError(
                        RequestBody.key(key, "jobKey"),
                        body.requiredString("errorCode"),
                        body.string("errorMessage"),
                        body.object("variables"));
        return Response.noContent().build();
    }

    @PATCH
    @Path("/{key}")
    public Response update(@PathParam("key") String key, Map<String, Object> json) {
        RequestBody changeset = new RequestBody(new RequestBody(json).object("changeset"));
        engine.jobs()
                .update(RequestBody.key(key, "jobKey"), changeset.intValue("retries"), changeset.longValue("timeout"));
        return Response.noContent().build();
    }

    @POST
    @Path("/search")
    public Map<String, Object> search(Map<String, Object> body) {
        return engine.queries().jobs(body);
    }
}
