package io.dmflow.api.access;

import io.dmflow.api.startup.CannotStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code dmflow.auth.built-in-users.enabled=false}: OIDC replaces dmflow's users and API tokens. A start that turns
 * them off without turning OIDC on is refused, since nobody could sign in.
 */
@ApplicationScoped
public class BuiltInUsersOff {

    /** Why a user's password or an API token is refused while built-in users are off. */
    static final String REFUSAL = "dmflow's own users and API tokens are turned off "
            + "(dmflow.auth.built-in-users.enabled=false); sign in with an OIDC access token";

    @Inject
    AccessConfig config;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
    boolean oidc;

    void onStart(@Observes StartupEvent start) {
        if (!config.builtInUsers().enabled() && !oidc) {
            throw new CannotStart("dmflow.auth.built-in-users.enabled=false needs OIDC "
                    + "(quarkus.oidc.tenant-enabled=true and quarkus.oidc.auth-server-url): nobody could sign in");
        }
    }
}
