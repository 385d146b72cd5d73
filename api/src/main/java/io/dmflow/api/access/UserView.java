package io.dmflow.api.access;

import java.time.Instant;

/** A user as the API shows it: never the password or its hash. */
public record UserView(String name, String role, Instant createdAt, Instant updatedAt, String createdBy) {

    static UserView of(User user) {
        return new UserView(user.name(), user.role().id(), user.createdAt(), user.updatedAt(), user.createdBy());
    }
}
