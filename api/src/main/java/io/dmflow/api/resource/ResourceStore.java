package io.dmflow.api.resource;

import io.dmflow.api.database.Sql;
import io.dmflow.workers.store.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stored files as flows use them: read as text, edited with regex replacements. Text operations hold the
 * file in memory, so they are bounded by {@link #MAX_TEXT_BYTES}; the HTTP paths stream instead.
 */
@ApplicationScoped
public class ResourceStore implements Resources {

    static final long MAX_TEXT_BYTES = 16L * 1024 * 1024;

    @Inject
    Sql sql;

    @Inject
    ResourceChunks chunks;

    // Workers call from their own threads, where no request context is active for the entity lookups.
    @Override
    @ActivateRequestContext
    public Optional<String> text(String resourceId) {
        StoredResource resource = StoredResource.findById(resourceId);
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.of(read(resource));
    }

    @Override
    @ActivateRequestContext
    public void edit(long jobKey, ResourceEdit edit) {
        StoredResource source = edit.source() == null ? null : StoredResource.findById(edit.source());
        if (edit.source() != null && source == null) {
            throw new MissingResource(edit.source());
        }
        String text = source != null ? read(source) : edit.content();
        for (Replacement replacement : edit.replacements()) {
            // The replacement is literal text: a device value such as a configuration may hold '$' or '\'.
            Matcher matcher = Pattern.compile(replacement.regex()).matcher(text);
            String literal = Matcher.quoteReplacement(replacement.replacement());
            text = replacement.replaceAll() ? matcher.replaceAll(literal) : matcher.replaceFirst(literal);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String contentType = source != null ? source.contentType : "text/plain; charset=UTF-8";
        try {
            sql.transaction(connection -> {
                int recorded = Sql.update(connection, """
                        INSERT INTO dmflow.job_effect (job_key, outputs, applied_at) VALUES (?, '{}'::jsonb, ?)
                        ON CONFLICT (job_key) DO NOTHING""", jobKey, Timestamp.from(Instant.now()));
                if (recorded == 0) {
                    // The same job ran before and its edit is committed: nothing to do again.
                    return null;
                }
                chunks.write(
                        connection, edit.destination(), new ByteArrayInputStream(bytes), contentType, Long.MAX_VALUE);
                Sql.batch(
                        connection,
                        """
                        INSERT INTO dmflow.resource_property (resource_id, name, value) VALUES (?, ?, ?)
                        ON CONFLICT (resource_id, name) DO UPDATE SET value = EXCLUDED.value""",
                        edit.properties().stream()
                                .map(each -> new Object[] {edit.destination(), each.name(), each.value()})
                                .toList());
                return null;
            });
        } catch (Sql.Failure | IOException e) {
            throw new IllegalStateException("Could not edit resource " + edit.destination() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> newest(String idPrefix, List<Property> properties) {
        StringBuilder query =
                new StringBuilder("SELECT r.id FROM dmflow.stored_resource r WHERE r.id LIKE ? ESCAPE '\\'");
        for (int i = 0; i < properties.size(); i++) {
            query.append(" AND EXISTS (SELECT 1 FROM dmflow.resource_property p WHERE p.resource_id = r.id")
                    .append(" AND p.name = ? AND p.value = ?)");
        }
        query.append(" ORDER BY r.updated_at DESC, r.id DESC LIMIT 1");
        List<Object> parameters = new ArrayList<>();
        parameters.add(prefixPattern(idPrefix));
        for (Property property : properties) {
            parameters.add(property.name());
            parameters.add(property.value());
        }
        return sql.first(query.toString(), row -> row.getString(1), parameters.toArray());
    }

    /** The SQL LIKE pattern (escape character backslash) of the ids that start with {@code prefix}. */
    static String prefixPattern(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private String read(StoredResource resource) {
        if (resource.sizeBytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("resource " + resource.id + " has " + resource.sizeBytes
                    + " bytes; flows read at most " + MAX_TEXT_BYTES + " as text");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) resource.sizeBytes);
        try {
            chunks.copy(resource.id, out, 0, resource.sizeBytes);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
