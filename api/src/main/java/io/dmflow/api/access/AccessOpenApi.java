package io.dmflow.api.access;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Tells OpenAPI readers (and Swagger UI's "Authorize") how to sign in: HTTP Basic or a bearer API token, on every
 * operation except the package downloads, which their own tokens protect.
 */
public class AccessOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components =
                openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        components.addSecurityScheme(
                "basic",
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A dmflow user's name and password"));
        components.addSecurityScheme(
                "bearer",
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("dmflow API token (dmf_...)")
                        .description("An API token made with POST /api/tokens"));
        openAPI.setComponents(components);
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("basic"));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/packages/")) {
                    item.getOperations().values().forEach(operation -> operation.setSecurity(List.of()));
                }
            });
        }
    }
}
