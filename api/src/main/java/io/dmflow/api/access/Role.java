package io.dmflow.api.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do. Each role includes the ones below it: an operator may read, an admin may do what an
 * operator does.
 */
public enum Role {
    /** Reads everything but the users. */
    VIEWER,
    /** Also submits and cancels tasks, runs device operations and sets device and group properties. */
    OPERATOR,
    /** Also manages users, servers, credentials, templates, processes, resources and the engine's /v2. */
    ADMIN;

    /** The name in JSON, in the database and in the security identity's roles. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of the two: a token acts with at most its owner's role. */
    public Role atMost(Role ceiling) {
        return includes(ceiling) ? ceiling : this;
    }

    /** The security identity's roles: this one and every role it includes. */
    public Set<String> grants() {
        return Arrays.stream(values()).filter(this::includes).map(Role::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The highest role among the identity's roles, if any. */
    public static java.util.Optional<Role> highestOf(Set<String> roles) {
        Role highest = null;
        for (Role role : values()) {
            if (roles.contains(role.id())) {
                highest = role;
            }
        }
        return java.util.Optional.ofNullable(highest);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.id().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of viewer, operator, admin, was '" + text + "'");
    }
}
