package io.dmflow.api.engine;

import io.camunda.client.CamundaClient;
import io.dmflow.engine.config.EngineConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * dmflow's own Camunda client, the one way the application reaches the workflow engine, whether embedded
 * (its own {@code /v2}) or a Camunda 8 cluster. Made at first use: the HTTP port is known only once the
 * server listens (tests take a free one).
 */
@ApplicationScoped
public class EngineClient {

    @Inject
    EngineConfig engine;

    @Inject
    EngineClientConfig config;

    @Inject
    WorkerConfig workers;

    @Inject
    jakarta.enterprise.inject.Instance<io.quarkus.vertx.http.HttpServer> httpServer;

    @Inject
    io.dmflow.api.access.ApplicationCredential applicationCredential;

    private volatile CamundaClient client;

    public CamundaClient client() {
        CamundaClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                current = client;
            }
        }
        return current;
    }

    private CamundaClient build() {
        URI rest = config.restAddress().orElseGet(this::ownAddress);
        var builder = CamundaClient.newClientBuilder()
                .restAddress(rest)
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .defaultRequestTimeout(config.requestTimeout())
                .numJobWorkerExecutionThreads(workers.handlerThreads());
        // The embedded engine serves no gRPC; point the client at a port nothing listens on so it never tries.
        builder.grpcAddress(config.grpcAddress().orElse(URI.create("http://127.0.0.1:1")));
        if (config.restAddress().isEmpty()) {
            // Its own /v2 asks for credentials like any caller's; a named cluster keeps what it is configured with.
            builder.credentialsProvider(applicationCredential.credentialsProvider());
        }
        return builder.build();
    }

    private URI ownAddress() {
        if (!engine.embedded()) {
            throw new IllegalStateException(
                    "dmflow.engine.mode=remote needs dmflow.camunda.rest-address, the Camunda 8 cluster's REST address");
        }
        var settings = ConfigProvider.getConfig();
        boolean test = io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.TEST;
        String portProperty = test ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = settings.getOptionalValue(portProperty, Integer.class).orElse(8080);
        if (port == 0) {
            port = boundPort(portProperty);
        }
        String host =
                settings.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + port);
    }

    /**
     * The free port the HTTP server took; known once it listens, which is after the application's startup
     * observers ran.
     */
    private int boundPort(String property) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int bound = httpServer.isResolvable() ? httpServer.get().getPort() : 0;
            if (bound > 0) {
                return bound;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The HTTP server did not report the port it listens on (" + property + ")");
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
