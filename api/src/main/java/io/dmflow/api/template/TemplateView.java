package io.dmflow.api.template;

import java.time.Instant;
import java.util.List;

/** A saved template: where its BPMN went, and the compiler's warnings. */
public record TemplateView(
        String name,
        String processId,
        long processDefinitionKey,
        int version,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        List<String> warnings) {

    static TemplateView of(TaskTemplate template, List<String> warnings) {
        return new TemplateView(
                template.name,
                template.processId,
                template.definitionKey,
                template.version,
                template.createdAt,
                template.updatedAt,
                template.createdBy,
                template.updatedBy,
                warnings);
    }
}
