package io.dmflow.api.userprocess;

import java.time.Instant;

/** A deployed user process. */
public record ProcessView(String id, long processDefinitionKey, int version, Instant createdAt, Instant updatedAt) {

    static ProcessView of(UserProcess process) {
        return new ProcessView(
                process.id, process.definitionKey, process.version, process.createdAt, process.updatedAt);
    }
}
