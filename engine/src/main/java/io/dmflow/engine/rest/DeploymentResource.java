package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.command.DeploymentCommands;
import io.dmflow.engine.command.DeploymentCommands.Resource;
import io.dmflow.engine.deployment.ProcessDefinition;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v2/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> deploy(
            @RestForm("resources") List<FileUpload> files, @RestForm("tenantId") String tenantId) {
        List<Resource> resources = new ArrayList<>();
        for (FileUpload file : files == null ? List.<FileUpload>of() : files) {
            try {
                resources.add(new Resource(file.fileName(), Files.readAllBytes(file.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        DeploymentCommands.Deployment deployment = engine.deployments().deploy(resources, tenantId);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ProcessDefinition definition : deployment.processes()) {
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("processDefinitionId", definition.bpmnProcessId());
            process.put("processDefinitionVersion", definition.version());
            process.put("resourceName", definition.resourceName());
            process.put("tenantId", definition.tenantId());
            process.put("processDefinitionKey", Keys.text(definition.key()));
            Map<String, Object> entry = new HashMap<>();
            entry.put("processDefinition", process);
            entry.put("decisionDefinition", null);
            entry.put("decisionRequirements", null);
            entry.put("form", null);
            entry.put("resource", null);
            entries.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deploymentKey", Keys.text(deployment.key()));
        result.put("tenantId", deployment.tenantId());
        result.put("deployments", entries);
        return result;
    }
}
