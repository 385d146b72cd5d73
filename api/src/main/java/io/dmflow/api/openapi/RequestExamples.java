package io.dmflow.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * An example body for the requests whose endpoints read the body themselves (as text, so that a wrong field is
 * named precisely) and which the generated document could only call "a string". Kept beside the document rather
 * than in the resources, so that the resources stay about what they do.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RequestExamples implements OASFilter {

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";
    private static final String XML = "application/xml";

    private record Example(PathItem.HttpMethod method, String path, List<String> mediaTypes, Object value) {}

    private static final List<Example> EXAMPLES = List.of(
            new Example(
                    PathItem.HttpMethod.POST,
                    "/api/tasks",
                    List.of(JSON),
                    Map.of(
                            "type",
                            "Lwm2mFirmwareUpdateTask",
                            "target",
                            Map.of("group", "root.fleet.eu"),
                            "properties",
                            Map.of("resourceId", "fw-2.4.1.bin"),
                            "priority",
                            5,
                            "executeImmediately",
                            true)),
            new Example(
                    PathItem.HttpMethod.POST,
                    "/api/tokens",
                    List.of(JSON),
                    Map.of("name", "nightly-script", "role", "operator", "expiresAt", "2027-01-01T00:00:00Z")),
            new Example(
                    PathItem.HttpMethod.POST,
                    "/api/users",
                    List.of(JSON),
                    Map.of("name", "maria", "password", "a long passphrase", "role", "operator")),
            new Example(
                    PathItem.HttpMethod.PUT,
                    "/api/users/{name}",
                    List.of(JSON),
                    Map.of("password", "a new long passphrase", "currentPassword", "a long passphrase")),
            new Example(
                    PathItem.HttpMethod.POST,
                    "/api/devices/{endpoint}/operations/{operation}",
                    List.of(JSON),
                    Map.of("key", "/3/0/9")),
            new Example(
                    PathItem.HttpMethod.PUT,
                    "/api/devices/{endpoint}/properties/{name}",
                    List.of(TEXT, JSON),
                    "eu-west"),
            new Example(
                    PathItem.HttpMethod.PUT, "/api/groups/{path}/properties/{name}", List.of(TEXT, JSON), "eu-west"),
            new Example(PathItem.HttpMethod.PUT, "/api/resources/{id}/properties/{name}", List.of(TEXT, JSON), "2.4.1"),
            new Example(
                    PathItem.HttpMethod.PUT,
                    "/api/templates/{name}",
                    List.of(XML, "text/xml", TEXT),
                    "<config>\n  <log message=\"checking the battery\"/>\n</config>"),
            new Example(
                    PathItem.HttpMethod.PUT,
                    "/api/processes/{id}",
                    List.of(XML, "text/xml"),
                    "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\">"
                            + "<bpmn:process id=\"my-process\" isExecutable=\"true\">...</bpmn:process>"
                            + "</bpmn:definitions>"),
            new Example(
                    PathItem.HttpMethod.POST,
                    "/v2/process-instances",
                    List.of(JSON),
                    Map.of("processDefinitionId", "dm-backup", "variables", Map.of("endpoint", "dev-1"))),
            new Example(
                    PathItem.HttpMethod.POST,
                    "/v2/messages/publication",
                    List.of(JSON),
                    Map.of("name", "device-registered", "correlationKey", "dev-1", "timeToLive", 60000)));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Example example : EXAMPLES) {
            PathItem item = openAPI.getPaths().getPathItem(example.path());
            RequestBody body = item == null || item.getOperations().get(example.method()) == null
                    ? null
                    : item.getOperations().get(example.method()).getRequestBody();
            if (body == null || body.getContent() == null) {
                continue;
            }
            for (String type : example.mediaTypes()) {
                MediaType media = body.getContent().getMediaType(type);
                if (media != null && media.getExample() == null) {
                    media.setExample(example.value());
                }
            }
        }
    }
}
