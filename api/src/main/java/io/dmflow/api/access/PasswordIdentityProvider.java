package io.dmflow.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** HTTP Basic: a user's name and password, checked against the stored bcrypt hash. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    Users users;

    @Inject
    PasswordHashing passwords;

    @Inject
    AccessConfig config;

    /**
     * Checked when there is no such user, so that an unknown name takes as long to refuse as a wrong password and
     * response times do not tell which names exist.
     */
    private String unknownUserHash;

    @PostConstruct
    void makeUnknownUserHash() {
        unknownUserHash = passwords.hash(java.util.UUID.randomUUID().toString());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!config.builtInUsers().enabled()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(BuiltInUsersOff.REFUSAL));
        }
        return context.runBlocking(() -> {
            String password = new String(request.getPassword().getPassword());
            User user = users.find(request.getUsername()).orElse(null);
            boolean matches = passwords.matches(user == null ? unknownUserHash : user.passwordHash(), password);
            if (user == null || !matches) {
                throw new AuthenticationFailedException("the user name or the password is wrong");
            }
            return Identities.of(user.name(), user.role(), "password", null);
        });
    }
}
