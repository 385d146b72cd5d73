package io.dmflow.api.group;

/** A device joined a group (fired inside the transaction that adds it). */
public record GroupMemberAdded(String groupPath, String endpoint) {}
