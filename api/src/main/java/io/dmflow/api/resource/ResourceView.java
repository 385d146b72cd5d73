package io.dmflow.api.resource;

import java.time.Instant;
import java.util.Map;

/** A stored file as the API shows it. */
public record ResourceView(
        String id,
        long size,
        String sha256,
        String contentType,
        String category,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> properties) {}
