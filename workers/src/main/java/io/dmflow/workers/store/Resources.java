package io.dmflow.workers.store;

import java.util.List;
import java.util.Optional;

/** Stored files (backups, images) as flows read and edit them. */
public interface Resources {

    /** The whole content of a resource as UTF-8 text; empty if there is no such resource. */
    Optional<String> text(String resourceId);

    /**
     * Creates or replaces {@code edit.destination()} from {@code edit.source()} (or, with no source, from
     * {@code edit.content()}) with the replacements applied in order and the properties set. Applied once
     * per {@code jobKey}: the same job delivered again finds the edit done and changes nothing.
     */
    void edit(long jobKey, ResourceEdit edit);

    /**
     * The id of the most recently written resource whose id starts with {@code idPrefix} and that has
     * every one of {@code properties}; empty if none has.
     */
    Optional<String> newest(String idPrefix, List<Property> properties);

    /** {@code source} names the resource to start from; when it is null, the text {@code content} is the start. */
    record ResourceEdit(
            String destination,
            String source,
            String content,
            List<Replacement> replacements,
            List<Property> properties) {}

    record Replacement(String regex, String replacement, boolean replaceAll) {}

    record Property(String name, String value) {}

    /** The source of an edit names no resource. */
    final class MissingResource extends RuntimeException {

        public MissingResource(String resourceId) {
            super("no resource named '" + resourceId + "'");
        }
    }
}
