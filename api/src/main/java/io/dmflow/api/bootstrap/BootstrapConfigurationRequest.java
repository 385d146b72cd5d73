package io.dmflow.api.bootstrap;

import io.dmflow.api.security.CredentialRequest;
import java.util.List;

/**
 * A device's bootstrap configuration as a client sends it:
 * {@code {"servers":[{"server":"dm-eu","credentials":{"mode":"psk","identity":"..","key":"<hex>"}}]}}.
 */
public record BootstrapConfigurationRequest(List<Entry> servers) {

    public record Entry(String server, CredentialRequest credentials) {}
}
