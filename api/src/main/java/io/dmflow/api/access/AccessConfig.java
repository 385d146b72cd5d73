package io.dmflow.api.access;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Access control settings ({@code dmflow.auth.*}). */
@ConfigMapping(prefix = "dmflow.auth")
public interface AccessConfig {

    /**
     * The password the user {@code admin} gets when dmflow starts on a database with no user yet, for automated
     * deployments and scripts. Unset: dmflow generates one and prints it once. Ignored once any user exists.
     */
    Optional<String> initialAdminPassword();
}
