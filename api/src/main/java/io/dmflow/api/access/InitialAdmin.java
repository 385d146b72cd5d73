package io.dmflow.api.access;

import io.dmflow.api.startup.CannotStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * On a database with no user yet, creates {@code admin} with the password {@code dmflow.auth.initial-admin-password}
 * gives, or a generated one printed this once. Only its bcrypt hash is stored, so it cannot be printed again.
 */
@ApplicationScoped
public class InitialAdmin {

    public static final String NAME = "admin";

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class);

    @Inject
    AccessConfig config;

    @Inject
    Users users;

    @Inject
    PasswordHashing passwords;

    void onStart(@Observes StartupEvent start) {
        // Without built-in users nobody could sign in with it; a later start with them on still makes it.
        if (!config.builtInUsers().enabled() || users.count() > 0) {
            return;
        }
        String password = config.initialAdminPassword().orElse(null);
        boolean generated = password == null;
        if (generated) {
            byte[] bits = new byte[15];
            new SecureRandom().nextBytes(bits);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        } else if (PasswordHashing.weakness(password) != null) {
            throw new CannotStart(
                    "dmflow.auth.initial-admin-password is not acceptable: " + PasswordHashing.weakness(password));
        }
        Instant now = Instant.now();
        // Two instances starting on one new database: only the one whose insert lands reports a password.
        if (!users.create(new User(NAME, passwords.hash(password), Role.ADMIN, now, now, ApplicationCredential.NAME))) {
            return;
        }
        if (generated) {
            LOG.infof(
                    "Created the user '%s' with the generated password: %s  (printed only this once and stored "
                            + "only as a bcrypt hash; sign in with it and change it with PUT /api/users/%s, or set "
                            + "dmflow.auth.initial-admin-password before the first start)",
                    NAME, password, NAME);
        } else {
            LOG.infof("Created the user '%s' with the password dmflow.auth.initial-admin-password gives", NAME);
        }
    }
}
