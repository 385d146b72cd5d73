package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;

/**
 * "Provision credentials to the server": before the bootstrap server gives a device credentials for a management
 * server, that server must learn them, or the device's registration is refused. Called for each management server of
 * a configuration whose device uses PSK or RPK, before anything is written to the device; an exception ends the
 * session without changing the device.
 */
@FunctionalInterface
public interface CredentialProvisioning {

    void provision(String endpoint, ServerDefinition server, ClientCredentials credentials);

    /** Management servers that provision themselves (or devices set up by hand). */
    static CredentialProvisioning none() {
        return (endpoint, server, credentials) -> {};
    }

    /** Puts the credentials into a management server's security store in the same process. */
    static CredentialProvisioning into(DeviceSecurityStore managementSecurity) {
        return (endpoint, server, credentials) -> managementSecurity.put(endpoint, credentials);
    }
}
