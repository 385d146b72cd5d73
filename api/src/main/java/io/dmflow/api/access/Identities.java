package io.dmflow.api.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The security identity of a caller dmflow has recognised: a name and the roles its {@link Role} grants. */
final class Identities {

    /** Attribute naming how the caller signed in: {@code password}, {@code token} or {@code application}. */
    static final String VIA = "dmflow.via";

    /** Attribute holding the id of the API token the caller presented. */
    static final String TOKEN_ID = "dmflow.token-id";

    private Identities() {}

    static SecurityIdentity of(String name, Role role, String via, String tokenId) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(role.grants())
                .addAttribute(VIA, via);
        if (tokenId != null) {
            builder.addAttribute(TOKEN_ID, tokenId);
        }
        return builder.build();
    }
}
