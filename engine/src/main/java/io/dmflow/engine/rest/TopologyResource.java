package io.dmflow.engine.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** The cluster as the client sees it: one broker, one partition, leader and healthy. */
@Path("/v2/topology")
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {
    @Context
    UriInfo uriInfo;

    @GET
    public Map<String, Object> topology() {
        String host = uriInfo.getBaseUri().getHost();
        int port = uriInfo.getBaseUri().getPort();
        Map<String, Object> partition = Map.of("partitionId", 1, "role", "leader", "health", "healthy");
        Map<String, Object> broker = Map.of(
                "nodeId",
                0,
                "host",
                host == null ? "localhost" : host,
                "port",
                port,
                "partitions",
                List.of(partition),
                "version",
                "8.9.0");
        return Map.of(
                "brokers",
                List.of(broker),
                "clusterSize",
                1,
                "partitionsCount",
                1,
                "replicationFactor",
                1,
                "gatewayVersion",
                "8.9.0",
                "lastCompletedChangeId",
                "-1");
    }
}
