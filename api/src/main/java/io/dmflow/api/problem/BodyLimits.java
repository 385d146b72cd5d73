package io.dmflow.api.problem;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How large a request body may be: a file upload ({@code PUT /api/resources/{id}/data}) up to
 * {@code dmflow.resources.max-bytes}, every other body (JSON, XML, BPMN, text) up to the much smaller
 * {@code dmflow.http.max-body-bytes}. Quarkus' own {@code quarkus.http.limits.max-body-size} stays above both as
 * a backstop; it is named when it is the lower one, since it is then the limit that applies.
 */
@ApplicationScoped
public class BodyLimits {

    private static final Logger LOG = Logger.getLogger(BodyLimits.class);
    static final String BODY_SETTING = "dmflow.http.max-body-bytes";
    static final String UPLOAD_SETTING = "dmflow.resources.max-bytes";
    static final String SERVER_SETTING = "quarkus.http.limits.max-body-size";
    private static final Pattern UPLOAD = Pattern.compile("/api/resources/[^/]+/data/?");

    /** The limit that applies to one request, and the setting that gives it. */
    public record Limit(long bytes, String setting, boolean upload) {

        /** The 413 answered when a body goes over this limit. */
        public ProblemException exceeded() {
            return upload
                    ? new ProblemException(
                            Status.REQUEST_ENTITY_TOO_LARGE,
                            "File too large",
                            "the file is larger than the limit of " + bytes + " bytes (" + setting + ")",
                            "data")
                    : new ProblemException(
                            Status.REQUEST_ENTITY_TOO_LARGE,
                            "Request body too large",
                            "the request body is larger than the limit of " + bytes + " bytes (" + setting + ")",
                            "body");
        }
    }

    @Inject
    HttpBodyConfig bodies;

    @Inject
    ResourceFileConfig files;

    @ConfigProperty(name = SERVER_SETTING)
    Optional<MemorySize> serverLimit;

    void warnOfLowServerLimit(@Observes StartupEvent started) {
        Limit uploads = uploads();
        if (uploads.bytes() < files.maxBytes()) {
            LOG.warnf(
                    "%s (%d bytes) is below %s (%d bytes): uploads are limited to the former, and a chunked one"
                            + " over it gets Quarkus' own empty 413 instead of a problem",
                    SERVER_SETTING, uploads.bytes(), UPLOAD_SETTING, files.maxBytes());
        }
    }

    public Limit uploads() {
        return capped(new Limit(files.maxBytes(), UPLOAD_SETTING, true));
    }

    public Limit of(String method, String path) {
        return "PUT".equals(method) && path != null && UPLOAD.matcher(path).matches()
                ? uploads()
                : capped(new Limit(bodies.maxBodyBytes(), BODY_SETTING, false));
    }

    private Limit capped(Limit limit) {
        return serverLimit
                .map(MemorySize::asLongValue)
                .filter(server -> server < limit.bytes())
                .map(server -> new Limit(server, SERVER_SETTING, limit.upload()))
                .orElse(limit);
    }
}
