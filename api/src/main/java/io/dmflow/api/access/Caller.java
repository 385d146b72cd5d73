package io.dmflow.api.access;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Who is making the current change, as recorded in {@code created_by} / {@code updated_by}: the signed-in user, or
 * {@link ApplicationCredential#NAME} for what dmflow does by itself (flows, the scheduler, start-up).
 */
@ApplicationScoped
public class Caller {

    @Inject
    Instance<SecurityIdentity> identity;

    public String name() {
        if (!Arc.container().requestContext().isActive()) {
            return ApplicationCredential.NAME;
        }
        SecurityIdentity current = identity.get();
        return current.isAnonymous()
                ? ApplicationCredential.NAME
                : current.getPrincipal().getName();
    }

    /** The current caller's highest role; none for an anonymous or background caller. */
    public java.util.Optional<Role> role() {
        if (!Arc.container().requestContext().isActive()) {
            return java.util.Optional.empty();
        }
        return Role.highestOf(identity.get().getRoles());
    }
}
