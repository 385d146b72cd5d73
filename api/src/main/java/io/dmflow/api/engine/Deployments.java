package io.dmflow.api.engine;

import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.dmflow.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/** Deploys BPMN to the engine; what the engine refuses becomes a 400 problem naming its reason. */
@ApplicationScoped
public class Deployments {

    @Inject
    EngineClient engine;

    /** The deployed process: its definition key and version (unchanged when the BPMN is the same). */
    public record Deployed(String processId, long definitionKey, int version) {}

    public Deployed deploy(String resourceName, String bpmn) {
        DeploymentEvent event;
        try {
            event = engine.client()
                    .newDeployResourceCommand()
                    .addResourceBytes(bpmn.getBytes(StandardCharsets.UTF_8), resourceName)
                    .send()
                    .join();
        } catch (ClientException e) {
            throw ProblemException.badRequest(
                    "Deployment refused",
                    "The workflow engine refused " + resourceName + ": " + e.getMessage(),
                    "bpmn");
        }
        if (event.getProcesses().isEmpty()) {
            throw ProblemException.badRequest(
                    "Deployment refused", resourceName + " holds no executable process", "bpmn");
        }
        Process process = event.getProcesses().get(0);
        return new Deployed(process.getBpmnProcessId(), process.getProcessDefinitionKey(), process.getVersion());
    }
}
