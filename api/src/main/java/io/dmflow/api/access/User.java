package io.dmflow.api.access;

import java.time.Instant;

/** A person or script that signs in with a name and a password; only the password's bcrypt hash is kept. */
public record User(
        String name, String passwordHash, Role role, Instant createdAt, Instant updatedAt, String createdBy) {

    @Override
    public String toString() {
        return "User[" + name + ", " + role.id() + "]";
    }
}
