package io.dmflow.api.security;

import io.dmflow.api.access.Caller;
import io.dmflow.api.database.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who last changed a device's credentials ({@code device_credentials.updated_by}). Kept beside the credential
 * stores, which the LwM2M servers share and which know nothing of REST callers.
 */
@ApplicationScoped
public class CredentialAuthors {

    @Inject
    Sql sql;

    @Inject
    Caller caller;

    /** Records the current caller as the author of the credentials just stored. */
    public String recordChange(String endpoint, CredentialScope scope) {
        String author = caller.name();
        sql.update(
                "UPDATE dmflow.device_credentials SET updated_by = ? WHERE endpoint = ? AND scope = ?",
                author,
                endpoint,
                scope.column());
        return author;
    }

    public Optional<String> lastChangedBy(String endpoint, CredentialScope scope) {
        return sql.first(
                        "SELECT updated_by FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ?",
                        row -> Optional.ofNullable(row.getString(1)),
                        endpoint,
                        scope.column())
                .flatMap(author -> author);
    }
}
