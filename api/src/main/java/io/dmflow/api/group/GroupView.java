package io.dmflow.api.group;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A group as the API shows it. */
public record GroupView(
        String path,
        String parent,
        List<String> subgroups,
        long members,
        Map<String, String> properties,
        Instant createdAt) {}
