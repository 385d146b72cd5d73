package io.dmflow.api.security;

import io.dmflow.api.database.Sql;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.security.ServerSideCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The credential stores of dmflow's two servers, both in PostgreSQL. */
@ApplicationScoped
public class SecurityStores {

    /** What devices present to the management server; changes revoke sessions and registrations at once. */
    @Produces
    @Singleton
    DeviceSecurityStore managementSecurity(Sql sql, SecretBox secrets) {
        return new DeviceSecurityStore(new PostgresCredentialStore(sql, CredentialScope.MANAGEMENT, secrets));
    }

    /** What devices present to the bootstrap server; of RPK devices only the public key, as for the management server. */
    @Produces
    @Singleton
    @Named("bootstrap")
    CredentialStore bootstrapCredentials(Sql sql, SecretBox secrets) {
        return ServerSideCredentials.of(new PostgresCredentialStore(sql, CredentialScope.BOOTSTRAP, secrets));
    }
}
