package io.dmflow.api.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Access control settings ({@code dmflow.auth.*}). */
@ConfigMapping(prefix = "dmflow.auth")
public interface AccessConfig {

    /**
     * The password the user {@code admin} gets when dmflow starts on a database with no user yet, for automated
     * deployments and scripts. Unset: dmflow generates one and prints it once. Ignored once any user exists.
     */
    Optional<String> initialAdminPassword();

    /** dmflow's own users and API tokens. */
    BuiltInUsers builtInUsers();

    interface BuiltInUsers {

        /**
         * Whether dmflow's own users (HTTP Basic) and API tokens sign in. {@code false} leaves signing in to OIDC,
         * which must then be on, and no initial admin is made; dmflow's own Camunda client keeps its in-memory
         * credential ({@link ApplicationCredential}).
         */
        @WithDefault("true")
        boolean enabled();
    }
}
