package io.dmflow.engine.rest;

import io.dmflow.engine.EngineRejection;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * RFC 9457 problem details with the titles the Camunda gateway uses (see docs/engine-rest-api.md,
 * 'Wire protocol', 'Errors').
 */
final class Problems {
  static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger LOG = Logger.getLogger(Problems.class);

  private Problems() {}

  static Response of(Throwable error, UriInfo uri) {
    return of(error, uri == null ? null : uri.getPath());
  }

  /** For answers completed off the request thread, where the request's UriInfo is gone. */
  static Response of(Throwable error, String path) {
    if (error instanceof EngineRejection rejection) {
      return response(rejection.status(), rejection.title(), rejection.getMessage(), path);
    }
    if (error instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return response(status, status == 400 ? "Bad Request" : web.getResponse().getStatusInfo().getReasonPhrase(),
          web.getMessage(), path);
    }
    LOG.error("engine request failed", error);
    return response(500, "INTERNAL", String.valueOf(error.getMessage()), path);
  }

  static Response response(int status, String title, String detail, UriInfo uri) {
    return response(status, title, detail, uri == null ? null : uri.getPath());
  }

  static Response response(int status, String title, String detail, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", path == null ? null : "/" + path.replaceFirst("^/", ""));
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }
}
