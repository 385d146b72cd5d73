package io.dmflow.api.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The policy {@code quarkus.http.auth.permission.*.policy=dmflow-roles} applies to {@code /api} and {@code /v2}:
 * an anonymous caller is asked to authenticate (401), a caller without the role {@link AccessRules} names is
 * refused (403).
 */
@ApplicationScoped
public class RolePolicy implements HttpSecurityPolicy {

    static final String NAME = "dmflow-roles";

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        Role required = AccessRules.required(request.request().method().name(), request.normalizedPath());
        return identity.map(caller -> !caller.isAnonymous() && caller.getRoles().contains(required.id())
                ? CheckResult.PERMIT
                : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }
}
