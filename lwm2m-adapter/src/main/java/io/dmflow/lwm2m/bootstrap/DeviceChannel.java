package io.dmflow.lwm2m.bootstrap;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.BootstrapDeleteRequest;
import org.eclipse.leshan.core.request.BootstrapDiscoverRequest;
import org.eclipse.leshan.core.request.BootstrapFinishRequest;
import org.eclipse.leshan.core.request.BootstrapReadRequest;
import org.eclipse.leshan.core.request.BootstrapWriteRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkBootstrapRequest;
import org.eclipse.leshan.core.request.DownlinkBootstrapRequestVisitor;

/**
 * Sends Leshan's bootstrap requests to one device as CoAP messages, over the socket and the DTLS session its
 * Bootstrap-Request came through.
 */
final class DeviceChannel {

    private final Endpoint endpoint;
    private final EndpointContext peer;
    private final LwM2mEncoder encoder;
    private final LwM2mModel model;
    private final Duration timeout;

    DeviceChannel(Endpoint endpoint, EndpointContext peer, LwM2mEncoder encoder, LwM2mModel model, Duration timeout) {
        this.endpoint = endpoint;
        this.peer = peer;
        this.encoder = encoder;
        this.model = model;
        this.timeout = timeout;
    }

    /** The device's answer, whatever its code; fails only if none came (timeout, link error). */
    CompletableFuture<Response> send(DownlinkBootstrapRequest<?> lwm2mRequest) {
        Request coap = toCoap(lwm2mRequest);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        coap.setDestinationContext(peer);
        coap.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answer.complete(response);
            }

            @Override
            public void onTimeout() {
                answer.completeExceptionally(
                        new TimeoutException(lwm2mRequest.getClass().getSimpleName() + " got no answer"));
            }

            @Override
            protected void failed() {
                answer.completeExceptionally(
                        new BootstrapFailure(lwm2mRequest.getClass().getSimpleName() + " could not be sent"));
            }
        });
        endpoint.sendRequest(coap);
        // Californium's own timeout covers retransmissions; this bounds the whole wait.
        return answer.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        coap.cancel();
                    }
                });
    }

    private Request toCoap(DownlinkBootstrapRequest<?> lwm2mRequest) {
        Request[] built = new Request[1];
        lwm2mRequest.accept(new DownlinkBootstrapRequestVisitor() {
            @Override
            public void visit(BootstrapDiscoverRequest request) {
                built[0] = at(Request.newGet(), request.getPath().toString());
                built[0].getOptions().setAccept(ContentFormat.LINK.getCode());
            }

            @Override
            public void visit(BootstrapWriteRequest request) {
                Request put = at(Request.newPut(), request.getPath().toString());
                ContentFormat format = request.getContentFormat();
                put.getOptions().setContentFormat(format.getCode());
                put.setPayload(encoder.encode(request.getNode(), format, null, request.getPath(), model));
                built[0] = put;
            }

            @Override
            public void visit(BootstrapReadRequest request) {
                built[0] = at(Request.newGet(), request.getPath().toString());
                if (request.getContentFormat() != null) {
                    built[0].getOptions().setAccept(request.getContentFormat().getCode());
                }
            }

            @Override
            public void visit(BootstrapDeleteRequest request) {
                built[0] = at(Request.newDelete(), request.getPath().toString());
            }

            @Override
            public void visit(BootstrapFinishRequest request) {
                built[0] = at(Request.newPost(), "/bs");
            }
        });
        return built[0];
    }

    private static Request at(Request request, String path) {
        if (!"/".equals(path)) {
            request.getOptions().setUriPath(path.startsWith("/") ? path.substring(1) : path);
        }
        return request;
    }
}
