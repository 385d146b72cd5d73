package io.dmflow.workers.bootstrap;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.bootstrap.AssignmentRules;
import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.ServerAssignment;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerKind;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.BootstrapConfigurationStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.bootstrap.configure}: gives the device, at its next bootstrap, the server named by {@code serverName}
 * (or the management server with Short Server ID {@code serverId}) in place of the servers of the same kind it was
 * given so far; servers of the other kind stay. With {@code kind} ({@code bootstrap} or {@code management}) the
 * server must be of that kind. The device keeps the credentials its configuration already holds for that server; a
 * server it has none for must be NoSec. Sets {@code serverName}, {@code kind} and {@code servers} (the names the
 * device now gets), or {@code problem} saying why nothing was changed; a problem does not fail the job, so that the
 * flow can report it.
 */
public final class BootstrapConfigureJob implements DmflowJob {

    private final BootstrapConfigurationStore configurations;

    public BootstrapConfigureJob(BootstrapConfigurationStore configurations) {
        this.configurations = configurations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_BOOTSTRAP_CONFIGURE;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint", "serverName", "serverId", "kind");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text("endpoint");
        Optional<String> name = inputs.optionalString("serverName").filter(text -> !text.isBlank());
        Optional<Long> id = inputs.optionalLong("serverId");
        Optional<ServerDefinition> found = name.isPresent()
                ? configurations.server(name.get())
                : id.flatMap(shortId -> configurations.serverWithShortId(shortId.intValue()));
        if (found.isEmpty()) {
            return answer(problem(
                    name.isPresent()
                            ? "no LwM2M server is named " + name.get()
                            : id.isPresent()
                                    ? "no management server has Short Server ID " + id.get()
                                    : "serverName or serverId is required"));
        }
        ServerDefinition server = found.get();
        Optional<ServerKind> expected =
                inputs.optionalString("kind").filter(text -> !text.isBlank()).map(text -> kind(inputs, text));
        if (expected.isPresent() && expected.get() != server.kind()) {
            return answer(problem(server.name() + " is a " + kindName(server.kind()) + " server, not a "
                    + kindName(expected.get()) + " server"));
        }
        List<ServerAssignment> given = configurations
                .forEndpoint(endpoint)
                .map(BootstrapConfiguration::servers)
                .orElse(List.of());
        ServerAssignment assignment = given.stream()
                .filter(old -> old.serverName().equals(server.name()))
                .findFirst()
                .orElse(ServerAssignment.noSec(server.name()));
        try {
            AssignmentRules.check(endpoint, server, assignment);
        } catch (IllegalArgumentException e) {
            return answer(problem(e.getMessage()));
        }
        List<ServerAssignment> servers = new ArrayList<>();
        for (ServerAssignment old : given) {
            boolean sameKind = configurations
                    .server(old.serverName())
                    .map(ServerDefinition::kind)
                    .filter(kind -> kind == server.kind())
                    .isPresent();
            if (!sameKind) {
                servers.add(old);
            }
        }
        servers.add(assignment);
        configurations.put(new BootstrapConfiguration(endpoint, servers));
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("serverName", server.name());
        outputs.put("kind", kindName(server.kind()));
        outputs.put(
                "servers", servers.stream().map(ServerAssignment::serverName).toList());
        outputs.put("problem", null);
        return answer(outputs);
    }

    private static ServerKind kind(JobInputs inputs, String text) {
        try {
            return ServerKind.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(inputs.jobType(), "kind", e.getMessage());
        }
    }

    private static Map<String, Object> problem(String text) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("problem", text);
        return outputs;
    }

    private static CompletionStage<Map<String, Object>> answer(Map<String, Object> outputs) {
        return CompletableFuture.completedFuture(outputs);
    }

    private static String kindName(ServerKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
