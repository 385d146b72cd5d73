package io.dmflow.api.security;

import io.dmflow.api.problem.ProblemException;
import java.util.Locale;

/** Which server a device presents credentials to: dmflow's management server or its bootstrap server. */
public enum CredentialScope {
    MANAGEMENT,
    BOOTSTRAP;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CredentialScope fromPath(String scope) {
        return switch (scope.toLowerCase(Locale.ROOT)) {
            case "management" -> MANAGEMENT;
            case "bootstrap" -> BOOTSTRAP;
            default ->
                throw ProblemException.badRequest(
                        "Unknown credential scope",
                        "'" + scope + "' is not a scope; use management or bootstrap",
                        "scope");
        };
    }
}
