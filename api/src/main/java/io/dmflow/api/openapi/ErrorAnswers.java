package io.dmflow.api.openapi;

import io.dmflow.api.access.AccessRules;
import io.dmflow.api.access.Role;
import io.dmflow.api.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the error answers every operation can give, each an {@code application/problem+json} with an example:
 * 400 where the request has parameters or a body, 401 and 403 where the path needs a caller, 404 where the path
 * names something, 413 where there is a body. What an endpoint itself says (in its annotations) is kept.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ErrorAnswers implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components =
                openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        components.addSchema(SCHEMA, problemSchema());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> document(path, item));
    }

    private static void document(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            APIResponses responses =
                    operation.getResponses() != null ? operation.getResponses() : OASFactory.createAPIResponses();
            operation.setResponses(responses);
            String instance = path;
            boolean body = operation.getRequestBody() != null;
            if (body) {
                add(
                        responses,
                        400,
                        "Invalid request body",
                        "The body is not valid: the detail says what, the"
                                + " parameter names the field (or the line and column of malformed JSON or XML)",
                        instance,
                        "priorty",
                        "unknown field 'priorty'; the fields are [priority, properties, target, template]");
            } else if (hasParameters(item, operation)) {
                add(
                        responses,
                        400,
                        "Invalid query parameter",
                        "A parameter is not valid: the detail says what, the" + " parameter names it",
                        instance,
                        "size",
                        "size must be a whole number from 1 to 1000, was" + " abc");
            }
            if (needsCaller(path)) {
                add(
                        responses,
                        401,
                        "Unauthorized",
                        "No caller, or one whose password or token is wrong, expired" + " or revoked",
                        instance,
                        null,
                        "sign in with HTTP Basic or an API token (Bearer)");
                Role required = AccessRules.required(method.name(), path);
                if (required != Role.VIEWER) {
                    add(
                            responses,
                            403,
                            "Forbidden",
                            "The caller's role is below " + required.id(),
                            instance,
                            null,
                            method + " " + path + " needs the role " + required.id() + " or higher");
                }
            }
            if (path.contains("{")) {
                add(
                        responses,
                        404,
                        "Not Found",
                        "Nothing of that name or id",
                        instance,
                        null,
                        "There is no such " + lastName(path));
            }
            if (body) {
                add(
                        responses,
                        413,
                        "Request body too large",
                        "The body is over the limit (dmflow.http.max-body-bytes,"
                                + " or dmflow.resources.max-bytes for a file)",
                        instance,
                        "body",
                        "the request body is larger than the limit of 1048576 bytes (dmflow.http.max-body-bytes)");
            }
        });
    }

    private static boolean hasParameters(PathItem item, Operation operation) {
        return (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (item.getParameters() != null && !item.getParameters().isEmpty());
    }

    /** Every path but the package downloads, which the token in their path protects. */
    private static boolean needsCaller(String path) {
        return path.startsWith("/api") || path.startsWith("/v2");
    }

    private static String lastName(String path) {
        int open = path.lastIndexOf('{');
        return path.substring(open + 1, path.indexOf('}', open));
    }

    private static void add(
            APIResponses responses,
            int status,
            String title,
            String description,
            String instance,
            String parameter,
            String detail) {
        String code = Integer.toString(status);
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, response);
        }
        if (response.getContent() == null || response.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", "about:blank");
            example.put("title", title);
            example.put("status", status);
            example.put("detail", detail);
            example.put("instance", instance);
            if (parameter != null) {
                example.put("parameter", parameter);
            }
            response.content((response.getContent() != null ? response.getContent() : OASFactory.createContent())
                    .addMediaType(
                            Problem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(SCHEMA))
                                    .example(example)));
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail: every error answer of dmflow")
                .addProperty("type", text)
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty(
                        "parameter",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The field or query parameter that was wrong"))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .description("Each of several errors, e.g. a template's compile errors")
                                .items(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty("detail", text)
                                        .addProperty("field", text)
                                        .addProperty(
                                                "line",
                                                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                                        .addProperty(
                                                "column",
                                                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))))
                .required(java.util.List.of("type", "title", "status"));
    }
}
