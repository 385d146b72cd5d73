package io.dmflow.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dmflow.api.security.CredentialView;
import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.BootstrapResult;
import java.util.List;

/** A device's bootstrap configuration (credentials by identity and fingerprint only) and its last session. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapConfigurationView(String endpoint, List<Entry> servers, LastSession lastSession) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String server, CredentialView credentials) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastSession(
            boolean finished,
            List<String> servers,
            String lwm2mVersion,
            List<Integer> previousShortServerIds,
            long tookMillis,
            String failure) {

        static LastSession of(BootstrapResult result) {
            return new LastSession(
                    result.finished(),
                    result.servers(),
                    result.lwm2mVersion().orElse(null),
                    result.previousShortServerIds(),
                    result.took().toMillis(),
                    result.failure().orElse(null));
        }
    }

    static BootstrapConfigurationView of(
            String endpoint, BootstrapConfiguration configuration, BootstrapResult lastSession) {
        List<Entry> entries = configuration == null
                ? null
                : configuration.servers().stream()
                        .map(a -> new Entry(
                                a.serverName(),
                                a.credentials()
                                        .map(c -> CredentialView.of(null, c))
                                        .orElse(null)))
                        .toList();
        return new BootstrapConfigurationView(
                endpoint, entries, lastSession == null ? null : LastSession.of(lastSession));
    }
}
