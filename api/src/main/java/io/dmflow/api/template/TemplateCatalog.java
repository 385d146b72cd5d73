package io.dmflow.api.template;

import io.dmflow.api.access.Caller;
import io.dmflow.api.engine.Deployments;
import io.dmflow.api.problem.Problem.ProblemError;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.template.compile.Compilation;
import io.dmflow.template.compile.TemplateCompiler;
import io.dmflow.template.source.Diagnostic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Saving a template compiles it and deploys its BPMN; nothing is stored unless both succeed. */
@ApplicationScoped
public class TemplateCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");

    @Inject
    Deployments deployments;

    @Inject
    Caller caller;

    public record Saved(TaskTemplate template, boolean created, List<String> warnings) {}

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "Invalid template name",
                    "a template name has 1 to 200 letters, digits, "
                            + "'_', '-' or '.', and starts with a letter or digit",
                    "name");
        }
        return name;
    }

    public Saved save(String name, String xml) {
        checkName(name);
        if (xml == null || xml.isBlank()) {
            throw ProblemException.badRequest("Empty template", "the body must hold the template XML", "body");
        }
        Compilation compilation = TemplateCompiler.compile(name + ".xml", name, xml);
        if (!compilation.succeeded()) {
            List<ProblemError> errors =
                    compilation.errors().stream().map(TemplateCatalog::error).toList();
            throw new ProblemException(
                    jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                    "Template does not compile",
                    errors.size() + " error(s) in template " + name + "; the first at line "
                            + errors.get(0).line() + ", column " + errors.get(0).column() + ": "
                            + errors.get(0).detail(),
                    "body",
                    errors);
        }
        List<String> warnings = compilation.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.WARNING)
                .map(Diagnostic::render)
                .toList();
        Deployments.Deployed deployed =
                deployments.deploy(name + ".bpmn", compilation.bpmn().orElseThrow());
        return store(name, xml, compilation.bpmn().get(), deployed, warnings);
    }

    @Transactional
    Saved store(String name, String xml, String bpmn, Deployments.Deployed deployed, List<String> warnings) {
        TaskTemplate template = TaskTemplate.findById(name);
        boolean created = template == null;
        Instant now = Instant.now();
        if (created) {
            template = new TaskTemplate();
            template.name = name;
            template.createdAt = now;
            template.createdBy = caller.name();
        }
        template.xml = xml;
        template.bpmn = bpmn;
        template.processId = deployed.processId();
        template.definitionKey = deployed.definitionKey();
        template.version = deployed.version();
        template.updatedAt = now;
        template.updatedBy = caller.name();
        template.persist();
        return new Saved(template, created, warnings);
    }

    public TaskTemplate require(String name) {
        TaskTemplate template = TaskTemplate.findById(name);
        if (template == null) {
            throw ProblemException.notFound("Unknown template", "There is no template " + name);
        }
        return template;
    }

    private static ProblemError error(Diagnostic diagnostic) {
        return new ProblemError(
                diagnostic.message(),
                null,
                diagnostic.position().line(),
                diagnostic.position().column());
    }
}
