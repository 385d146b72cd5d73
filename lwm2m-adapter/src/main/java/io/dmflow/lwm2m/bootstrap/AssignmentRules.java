package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.SecurityMode;

/** Whether a device's credentials fit the server it is assigned to; checked when stored and when bootstrapping. */
public final class AssignmentRules {

    private AssignmentRules() {}

    /** @throws IllegalArgumentException saying what does not fit (never quoting a secret) */
    public static void check(String endpoint, ServerDefinition server, ServerAssignment assignment) {
        SecurityMode mode = server.securityMode();
        ClientCredentials credentials = assignment.credentials().orElse(null);
        String where = endpoint + " on server " + server.name();
        if (mode == SecurityMode.NO_SEC) {
            if (credentials != null) {
                throw new IllegalArgumentException(
                        where + ": the server is NoSec, the device must not get credentials");
            }
            return;
        }
        if (credentials == null) {
            throw new IllegalArgumentException(where + ": the server uses " + mode + ", the device needs credentials");
        }
        if (credentials.mode() != mode) {
            throw new IllegalArgumentException(
                    where + ": the server uses " + mode + ", the credentials are " + credentials.mode());
        }
        if (credentials instanceof ClientCredentials.RpkCredentials rpk
                && rpk.privateKey().isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": RPK credentials given by bootstrap need the device's " + "private key");
        }
        if (mode == SecurityMode.X509) {
            throw new IllegalArgumentException(where + ": X.509 accounts cannot be bootstrapped yet "
                    + "(provision the device's certificate at the factory)");
        }
    }
}
