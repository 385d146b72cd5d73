package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.version.SupportedVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLinkParser;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.request.BootstrapDeleteRequest;
import org.eclipse.leshan.core.request.BootstrapDiscoverRequest;
import org.eclipse.leshan.core.request.BootstrapFinishRequest;
import org.eclipse.leshan.core.request.BootstrapReadRequest;
import org.eclipse.leshan.core.request.BootstrapWriteRequest;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * One device's bootstrap, after its Bootstrap-Request was accepted: Bootstrap-Discover (to find the bootstrap account
 * and the device's LwM2M version; a version dmflow does not serve ends the session there), Bootstrap-Read of Object 1
 * on LwM2M 1.1 devices, Bootstrap-Delete of Objects 0 and 1 (the device keeps its bootstrap account), a
 * Bootstrap-Write per Security and Server instance, and Bootstrap-Finish. Any step the device refuses ends the
 * session; the device then bootstraps again on its own, as its client hold-off and retry rules say.
 */
final class BootstrapSession {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BootstrapSession.class);

    private final String endpoint;
    private final List<ResolvedServer> servers;
    private final DeviceChannel channel;
    private final LwM2mLinkParser linkParser;
    private final LwM2mDecoder decoder;
    private final LwM2mModel model;
    private final CredentialProvisioning provisioning;
    private final java.util.concurrent.Executor executor;
    private final long startedNanos = System.nanoTime();

    private Optional<String> lwm2mVersion = Optional.empty();
    private int bootstrapAccountInstance;
    private final List<Integer> previousShortServerIds = new ArrayList<>();

    /** A named server of the configuration, looked up. */
    record ResolvedServer(ServerDefinition definition, ServerAssignment assignment) {}

    BootstrapSession(
            String endpoint,
            List<ResolvedServer> servers,
            DeviceChannel channel,
            LwM2mLinkParser linkParser,
            LwM2mDecoder decoder,
            LwM2mModel model,
            CredentialProvisioning provisioning,
            java.util.concurrent.Executor executor) {
        this.endpoint = endpoint;
        this.servers = servers;
        this.channel = channel;
        this.linkParser = linkParser;
        this.decoder = decoder;
        this.model = model;
        this.provisioning = provisioning;
        this.executor = executor;
    }

    CompletableFuture<BootstrapResult> run() {
        return channel.send(new BootstrapDiscoverRequest())
                .thenCompose(this::discovered)
                // Provisioning reaches into stores (a database): on the session executor, not a network thread.
                .thenComposeAsync(
                        ignored -> {
                            provisionManagementServers();
                            return expect(
                                    channel.send(new BootstrapDeleteRequest(0)),
                                    CoAP.ResponseCode.DELETED,
                                    "Bootstrap-Delete /0");
                        },
                        executor)
                .thenCompose(ignored -> expect(
                        channel.send(new BootstrapDeleteRequest(1)), CoAP.ResponseCode.DELETED, "Bootstrap-Delete /1"))
                .thenCompose(ignored -> writeAccounts())
                .thenCompose(ignored -> expect(
                        channel.send(new BootstrapFinishRequest()), CoAP.ResponseCode.CHANGED, "Bootstrap-Finish"))
                .handleAsync((ignored, failure) -> result(failure), executor);
    }

    private CompletableFuture<Void> discovered(Response response) {
        if (response.isSuccess()) {
            try {
                readDiscovery(linkParser.parseCoreLinkFormat(response.getPayload()));
            } catch (Exception e) {
                // Devices that answer Discover badly are still bootstrapped: the bootstrap account stays at 0.
                lwm2mVersion = Optional.empty();
            }
        }
        // Nothing is written to a device of a version the management servers refuse: it would only be refused there.
        if (lwm2mVersion.filter(SupportedVersions::isUnsupported).isPresent()) {
            return CompletableFuture.failedFuture(
                    new BootstrapFailure(SupportedVersions.refusal(lwm2mVersion.get()) + "; nothing was written"));
        }
        // Bootstrap-Read is LwM2M 1.1. Leshan's clients announce lwm2m=1.0 in Bootstrap-Discover although they
        // implement it, so it is tried on every device that is not known to be older; a refusal only means "not
        // supported" and the session goes on.
        if (lwm2mVersion.filter(v -> v.compareTo("1.0") < 0).isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return channel.send(new BootstrapReadRequest(ContentFormat.TLV, 1)).thenAccept(read -> {
            if (read.isSuccess()) {
                LwM2mNode node;
                try {
                    node = decoder.decode(
                            read.getPayload(),
                            ContentFormat.fromCode(read.getOptions().getContentFormat()),
                            null,
                            new LwM2mPath(1),
                            model);
                } catch (CodecException e) {
                    // What the device had is for the record only; an unreadable answer must not stop its bootstrap.
                    LOG.warn("Bootstrap-Read of /1 from {} could not be decoded: {}", endpoint, e.getMessage());
                    return;
                }
                if (node instanceof LwM2mObject object) {
                    for (LwM2mObjectInstance instance : object.getInstances().values()) {
                        LwM2mResource ssid = instance.getResource(0);
                        if (ssid != null) {
                            previousShortServerIds.add(((Number) ssid.getValue()).intValue());
                        }
                    }
                }
            }
        });
    }

    private void readDiscovery(Link[] links) {
        for (Link link : links) {
            String uri = link.getUriReference();
            Attribute version = link.getAttributes().get("lwm2m");
            if ("/".equals(uri) && version != null) {
                lwm2mVersion = Optional.of(String.valueOf(version.getValue()).replace("\"", ""));
            }
            // The bootstrap account is the Security instance without a short server id.
            if (uri.matches("/0/\\d+") && link.getAttributes().get("ssid") == null) {
                bootstrapAccountInstance = Integer.parseInt(uri.substring(3));
            }
        }
    }

    private void provisionManagementServers() {
        for (ResolvedServer server : servers) {
            if (server.definition().kind() == ServerKind.MANAGEMENT) {
                server.assignment()
                        .credentials()
                        .ifPresent(c -> provisioning.provision(endpoint, server.definition(), c));
            }
        }
    }

    private CompletableFuture<Void> writeAccounts() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        int nextSecurity = 0;
        int nextServer = 0;
        for (ResolvedServer server : servers) {
            ServerDefinition definition = server.definition();
            int securityId;
            if (definition.kind() == ServerKind.BOOTSTRAP) {
                securityId = bootstrapAccountInstance;
            } else {
                if (nextSecurity == bootstrapAccountInstance) {
                    nextSecurity++;
                }
                securityId = nextSecurity++;
            }
            LwM2mObjectInstance security = AccountInstances.security(
                    securityId, definition, server.assignment().credentials());
            chain = chain.thenCompose(ignored -> write(
                    new LwM2mPath(0, securityId),
                    security,
                    "Bootstrap-Write of the Security instance for " + definition.name()));
            if (definition.kind() == ServerKind.MANAGEMENT) {
                int serverId = nextServer++;
                LwM2mObjectInstance account = AccountInstances.server(serverId, definition);
                chain = chain.thenCompose(ignored -> write(
                        new LwM2mPath(1, serverId),
                        account,
                        "Bootstrap-Write of the Server instance for " + definition.name()));
            }
        }
        return chain;
    }

    private CompletableFuture<Void> write(LwM2mPath path, LwM2mObjectInstance instance, String step) {
        return expect(
                channel.send(new BootstrapWriteRequest(path, instance, ContentFormat.TLV)),
                CoAP.ResponseCode.CHANGED,
                step);
    }

    private static CompletableFuture<Void> expect(
            CompletableFuture<Response> answer, CoAP.ResponseCode expected, String step) {
        return answer.thenAccept(response -> {
            if (response.getCode() != expected) {
                String diagnostic = response.getPayloadSize() > 0 ? ": " + response.getPayloadString() : "";
                throw new BootstrapFailure(step + " answered " + response.getCode().text + " "
                        + response.getCode().name() + diagnostic);
            }
        });
    }

    private BootstrapResult result(Throwable failure) {
        Optional<String> reason = Optional.empty();
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            reason = Optional.of(
                    cause instanceof java.util.concurrent.TimeoutException
                            ? "the device did not answer in time"
                                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                            : String.valueOf(cause.getMessage()));
        }
        return new BootstrapResult(
                endpoint,
                lwm2mVersion,
                List.copyOf(previousShortServerIds),
                servers.stream().map(s -> s.definition().name()).toList(),
                Duration.ofNanos(System.nanoTime() - startedNanos),
                reason);
    }

    static List<ResolvedServer> resolve(BootstrapConfiguration configuration, BootstrapConfigurations store) {
        List<ResolvedServer> resolved = new ArrayList<>();
        for (ServerAssignment assignment : configuration.servers()) {
            ServerDefinition definition = store.server(assignment.serverName())
                    .orElseThrow(
                            () -> new IllegalArgumentException("no LwM2M server named " + assignment.serverName()));
            AssignmentRules.check(configuration.endpoint(), definition, assignment);
            resolved.add(new ResolvedServer(definition, assignment));
        }
        long bootstrapServers = resolved.stream()
                .filter(r -> r.definition().kind() == ServerKind.BOOTSTRAP)
                .count();
        if (bootstrapServers > 1) {
            throw new IllegalArgumentException("a device has at most one bootstrap server, " + configuration.endpoint()
                    + " is given " + bootstrapServers);
        }
        return resolved;
    }
}
