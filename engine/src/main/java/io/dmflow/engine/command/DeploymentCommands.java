package io.dmflow.engine.command;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.dmflow.engine.deployment.ProcessDefinition;
import io.dmflow.engine.deployment.ProcessDefinitions;
import io.dmflow.engine.model.BpmnTransformer;
import io.dmflow.engine.model.ExecutableProcess;
import io.dmflow.engine.model.UnsupportedModelException;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.transaction.CommandRunner;
import io.dmflow.engine.transaction.EngineTransaction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Deploys BPMN resources atomically. A resource identical to the latest version of its process
 * creates no new version; any change bumps it.
 */
public final class DeploymentCommands {
    public record Resource(String name, byte[] content) {}

    public record Deployed(ProcessDefinition definition, boolean duplicate) {}

    public record Deployment(long key, String tenantId, List<ProcessDefinition> processes) {}

    private record Parsed(
            Resource resource,
            String checksum,
            String xml,
            ExecutableProcess process,
            String name,
            String versionTag) {}

    private final CommandRunner runner;
    private final ProcessDefinitions definitions;
    private final BpmnTransformer transformer;
    private final io.dmflow.engine.feel.ExpressionLanguage expressions;

    public DeploymentCommands(
            CommandRunner runner,
            ProcessDefinitions definitions,
            BpmnTransformer transformer,
            io.dmflow.engine.feel.ExpressionLanguage expressions) {
        this.runner = runner;
        this.definitions = definitions;
        this.transformer = transformer;
        this.expressions = expressions;
    }

    public Deployment deploy(List<Resource> resources, String tenantId) {
        if (resources.isEmpty()) {
            throw EngineRejection.invalidArgument("Expected to deploy at least one resource, but none given");
        }
        String tenant = tenantId == null || tenantId.isBlank() ? "<default>" : tenantId;
        List<Parsed> parsed = new ArrayList<>();
        for (Resource resource : resources) {
            parsed.addAll(parse(resource));
        }
        List<Deployed> deployed = new ArrayList<>();
        Deployment deployment = runner.run(tx -> {
            deployed.clear();
            tx.deployments().lockDeployments();
            long deploymentKey = tx.newKey();
            tx.deployments().createDeployment(deploymentKey, tenant, tx.now());
            for (Parsed p : parsed) {
                deployed.add(deployProcess(tx, p, tenant, deploymentKey));
            }
            return new Deployment(
                    deploymentKey,
                    tenant,
                    deployed.stream().map(Deployed::definition).toList());
        });
        for (int i = 0; i < deployed.size(); i++) {
            if (!deployed.get(i).duplicate()) {
                definitions.remember(deployed.get(i).definition(), parsed.get(i).process());
            }
        }
        return deployment;
    }

    private Deployed deployProcess(EngineTransaction tx, Parsed p, String tenant, long deploymentKey) {
        String processId = p.process().bpmnProcessId();
        Optional<String> latestChecksum = tx.deployments().latestChecksum(tenant, processId);
        if (latestChecksum.isPresent() && latestChecksum.get().equals(p.checksum())) {
            return new Deployed(definitions.latest(tx.sql(), tenant, processId).orElseThrow(), true);
        }
        int version = tx.deployments().nextVersion(tenant, processId);
        long key = tx.newKey();
        ProcessDefinition definition = new ProcessDefinition(
                key, processId, version, p.versionTag(), p.name(), p.resource().name(), tenant, deploymentKey);
        tx.deployments().createDefinition(definition, p.checksum(), p.xml(), tx.now());
        tx.timers().cancelStartTimers(tenant, processId);
        for (var start : p.process().root().timerStartEvents()) {
            try {
                String timer = String.valueOf(expressions.evaluate(start.timer().expression(), java.util.Map.of()));
                var schedule =
                        io.dmflow.engine.timer.TimerSchedule.of(start.timer().kind(), timer, tx.now());
                tx.timers()
                        .create(
                                tx.newKey(),
                                key,
                                start.id(),
                                0,
                                0,
                                key,
                                schedule.dueDate(),
                                schedule.repetitions(),
                                schedule.interval(),
                                tenant);
            } catch (io.dmflow.engine.feel.ExpressionFailure e) {
                throw EngineRejection.invalidArgument(
                        "'" + p.resource().name() + "': timer start event '" + start.id() + "': " + e.getMessage());
            }
        }
        // message start events belong to the latest version only: the new version takes them over
        tx.messageStarts().removeFor(tenant, processId);
        for (var start : p.process().root().messageStartEvents()) {
            tx.messageStarts()
                    .create(key, processId, start.id(), start.message().name().text(), tenant);
        }
        return new Deployed(definition, false);
    }

    private List<Parsed> parse(Resource resource) {
        String name = resource.name() == null ? "" : resource.name();
        if (!(name.endsWith(".bpmn") || name.endsWith(".xml") || name.endsWith(".bpmn20.xml"))) {
            throw EngineRejection.invalidArgument("Expected to deploy BPMN resources (.bpmn or .xml), but '" + name
                    + "' is not supported by the embedded engine");
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.content()));
        } catch (RuntimeException e) {
            throw EngineRejection.invalidArgument("'" + name + "': invalid BPMN: " + rootMessage(e));
        }
        var results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
        List<String> errors = new ArrayList<>();
        results.getResults()
                .forEach((element, list) -> list.stream()
                        .filter(r -> r.getType() == ValidationResultType.ERROR)
                        .forEach(r -> errors.add("- Element: " + idOf(element) + ": " + r.getMessage())));
        if (!errors.isEmpty()) {
            throw EngineRejection.invalidArgument("'" + name + "': " + String.join("\n", errors));
        }
        List<ExecutableProcess> processes;
        try {
            processes = transformer.transform(model);
        } catch (UnsupportedModelException e) {
            throw EngineRejection.invalidArgument("'" + name + "': " + e.getMessage());
        }
        String checksum = checksum(resource.content());
        String xml = new String(resource.content(), StandardCharsets.UTF_8);
        List<Parsed> parsed = new ArrayList<>();
        for (ExecutableProcess process : processes) {
            var bpmnProcess =
                    (io.camunda.zeebe.model.bpmn.instance.Process) model.getModelElementById(process.bpmnProcessId());
            var versionTag = bpmnProcess.getSingleExtensionElement(
                    io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag.class);
            parsed.add(new Parsed(
                    resource,
                    checksum,
                    xml,
                    process,
                    bpmnProcess.getName(),
                    versionTag == null ? null : versionTag.getValue()));
        }
        return parsed;
    }

    private static String idOf(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
        String id = element.getAttributeValue("id");
        return id != null ? id : element.getElementType().getTypeName();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? e.toString() : t.getMessage();
    }

    private static String checksum(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
