package io.dmflow.api.bootstrap;

import io.dmflow.lwm2m.bootstrap.BootstrapListener;
import io.dmflow.lwm2m.bootstrap.BootstrapResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The last bootstrap session of each device since dmflow started, for the API. */
@ApplicationScoped
public class BootstrapSessions implements BootstrapListener {

    private final Map<String, BootstrapResult> last = new ConcurrentHashMap<>();

    @Override
    public void sessionEnded(BootstrapResult result) {
        last.put(result.endpoint(), result);
    }

    public Optional<BootstrapResult> last(String endpoint) {
        return Optional.ofNullable(last.get(endpoint));
    }
}
