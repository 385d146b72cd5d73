package io.dmflow.simulator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;

/** Package servers for pull tests: HTTP, HTTPS and CoAP on loopback, serving the same files. */
public final class PackageServers implements AutoCloseable {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final HttpServer http;
    private final HttpsServer https;
    private final SSLContext clientTrust;
    private final CoapServer coap;
    private final CoapEndpoint coapEndpoint;

    public PackageServers() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", this::serve);
        http.start();

        SelfSignedCertificate certificate = SelfSignedCertificate.forLoopback();
        clientTrust = certificate.clientTrust();
        try {
            https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        https.createContext("/", this::serve);
        https.start();

        Configuration config =
                new Configuration(SystemConfig.DEFINITIONS, CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        coap = new CoapServer(config);
        coapEndpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build();
        coap.addEndpoint(coapEndpoint);
        coap.add(new CoapResource("pkg") {
            @Override
            public Resource getChild(String name) {
                return new CoapResource(name) {
                    @Override
                    public void handleGET(CoapExchange exchange) {
                        byte[] body = files.get(name);
                        if (body == null) {
                            exchange.respond(ResponseCode.NOT_FOUND);
                        } else {
                            exchange.respond(ResponseCode.CONTENT, body); // Californium splits it into Block2
                        }
                    }
                };
            }
        });
        coap.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** Trust for the HTTPS server's self-signed certificate, for {@code SimulatedFleet.Builder#httpsTrust}. */
    public SSLContext clientTrust() {
        return clientTrust;
    }

    public String httpsUri(String name) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + "/" + name;
    }

    /** Serves {@code bytes} as {@code name} on every server. */
    public void put(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    public String httpUri(String name) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name;
    }

    public String coapUri(String name) {
        return "coap://127.0.0.1:" + coapEndpoint.getAddress().getPort() + "/pkg/" + name;
    }

    @Override
    public void close() {
        http.stop(0);
        https.stop(0);
        coap.destroy();
    }
}
