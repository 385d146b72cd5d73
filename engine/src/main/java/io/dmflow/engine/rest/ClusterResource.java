package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Topology, status and the pinnable clock. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
  @Inject
  EmbeddedEngine engine;

  @Context
  UriInfo uriInfo;

  @GET
  @Path("/topology")
  public Map<String, Object> topology() {
    String host = uriInfo.getBaseUri().getHost();
    int port = uriInfo.getBaseUri().getPort();
    Map<String, Object> partition = Map.of("partitionId", 1, "role", "leader", "health", "healthy");
    Map<String, Object> broker = Map.of("nodeId", 0, "host", host == null ? "localhost" : host, "port", port,
        "partitions", List.of(partition), "version", "8.9.0");
    return Map.of("brokers", List.of(broker), "clusterSize", 1, "partitionsCount", 1, "replicationFactor", 1,
        "gatewayVersion", "8.9.0", "lastCompletedChangeId", "-1");
  }

  @GET
  @Path("/status")
  public Response status() {
    return Response.status(engine.isEmbedded() ? 204 : 503).build();
  }

  @PUT
  @Path("/clock")
  public Response pin(Map<String, Object> body) {
    Long timestamp = new RequestBody(body).longValue("timestamp");
    if (timestamp == null || timestamp < 0) {
      return Problems.response(400, "INVALID_ARGUMENT", "Expected a timestamp in epoch milliseconds", uriInfo);
    }
    engine.pinClock(timestamp);
    return Response.noContent().build();
  }

  @POST
  @Path("/clock/reset")
  public Response reset() {
    engine.pinClock(null);
    return Response.noContent().build();
  }

  @ServerExceptionMapper
  public Response map(RuntimeException e) {
    return Problems.of(e, uriInfo);
  }
}
