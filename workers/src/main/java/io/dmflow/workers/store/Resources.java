package io.dmflow.workers.store;

import java.util.List;
import java.util.Optional;

/** Stored files (backups, images) as flows read and edit them. */
public interface Resources {

    /** The whole content of a resource as UTF-8 text; empty if there is no such resource. */
    Optional<String> text(String resourceId);

    /**
     * Creates or replaces {@code edit.destination()} from {@code edit.source()} with the replacements
     * applied in order and the properties set. Applied once per {@code jobKey}: the same job delivered
     * again finds the edit done and changes nothing.
     */
    void edit(long jobKey, ResourceEdit edit);

    record ResourceEdit(String destination, String source, List<Replacement> replacements,
            List<Property> properties) {
    }

    record Replacement(String regex, String replacement, boolean replaceAll) {
    }

    record Property(String name, String value) {
    }

    /** The source of an edit names no resource. */
    final class MissingResource extends RuntimeException {

        public MissingResource(String resourceId) {
            super("no resource named '" + resourceId + "'");
        }
    }
}
