package io.dmflow.api.access;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Gives an identity every role its highest dmflow role includes: an OIDC token names one role in its groups claim
 * ({@code operator}), and the rules check the role a path needs ({@code viewer} for a read).
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> grants =
                Role.highestOf(identity.getRoles()).map(Role::grants).orElse(Set.of());
        if (identity.getRoles().containsAll(grants)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity).addRoles(grants).build());
    }
}
