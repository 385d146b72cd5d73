package io.dmflow.simulator.testing;

import io.dmflow.lwm2m.model.ObjectModels;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * The smallest bootstrap server that exercises the simulator's bootstrap path (Leshan M18 ships no bootstrap server
 * here): on Bootstrap-Request it writes one NoSec Security instance and one Server instance pointing at the configured
 * management server, then sends Bootstrap-Finish.
 */
public final class TestBootstrapServer implements AutoCloseable {

    private final CoapServer coap;
    private final CoapEndpoint endpoint;
    private final Map<String, String> managementServerOf = new ConcurrentHashMap<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private final ExecutorService sessions = Executors.newSingleThreadExecutor(new DaemonThreadFactory("test-bs#"));
    private final LwM2mEncoder encoder = new DefaultLwM2mEncoder();

    public TestBootstrapServer() {
        Configuration config =
                new Configuration(SystemConfig.DEFINITIONS, CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        coap = new CoapServer(config);
        endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build();
        coap.addEndpoint(endpoint);
        coap.add(new CoapResource("bs") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                String device = exchange.getQueryParameter("ep");
                String target = device == null ? null : managementServerOf.get(device);
                if (target == null) {
                    exchange.respond(ResponseCode.BAD_REQUEST);
                    return;
                }
                exchange.respond(ResponseCode.CHANGED);
                InetSocketAddress peer = exchange.getSourceSocketAddress();
                sessions.execute(() -> bootstrap(device, peer, target));
            }
        });
        coap.start();
    }

    /** Devices named {@code endpoint} are sent to the management server at {@code serverUri} (NoSec). */
    public void assign(String device, String serverUri) {
        managementServerOf.put(device, serverUri);
    }

    public String coapUri() {
        return "coap://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    /** Endpoints whose bootstrap session ended with an accepted Bootstrap-Finish. */
    public List<String> finishedSessions() {
        return finished;
    }

    private void bootstrap(String device, InetSocketAddress peer, String serverUri) {
        LwM2mObjectInstance security = new LwM2mObjectInstance(
                1,
                LwM2mSingleResource.newStringResource(0, serverUri),
                LwM2mSingleResource.newBooleanResource(1, false),
                LwM2mSingleResource.newIntegerResource(2, 3), // NoSec
                LwM2mSingleResource.newBinaryResource(3, new byte[0]),
                LwM2mSingleResource.newBinaryResource(4, new byte[0]),
                LwM2mSingleResource.newBinaryResource(5, new byte[0]),
                LwM2mSingleResource.newIntegerResource(10, 1));
        LwM2mObjectInstance server = new LwM2mObjectInstance(
                0,
                LwM2mSingleResource.newIntegerResource(0, 1),
                LwM2mSingleResource.newIntegerResource(1, 300),
                LwM2mSingleResource.newBooleanResource(6, false),
                LwM2mSingleResource.newStringResource(7, "U"));
        boolean ok = write(peer, new LwM2mPath(0, 1), security) && write(peer, new LwM2mPath(1, 0), server);
        Request finish = Request.newPost();
        finish.getOptions().setUriPath("bs");
        if (ok && succeeded(peer, finish)) {
            finished.add(device);
        }
    }

    private boolean write(InetSocketAddress peer, LwM2mPath path, LwM2mNode node) {
        Request put = Request.newPut();
        put.getOptions().setUriPath(path.getObjectId() + "/" + path.getObjectInstanceId());
        put.getOptions().setContentFormat(ContentFormat.TLV.getCode());
        put.setPayload(encoder.encode(
                node, ContentFormat.TLV, null, path, ObjectModels.bundled().model()));
        return succeeded(peer, put);
    }

    private boolean succeeded(InetSocketAddress peer, Request request) {
        request.setDestinationContext(new AddressEndpointContext(peer));
        endpoint.sendRequest(request);
        try {
            Response response = request.waitForResponse(5_000);
            return response != null && response.isSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        sessions.shutdownNow();
        coap.destroy();
    }
}
