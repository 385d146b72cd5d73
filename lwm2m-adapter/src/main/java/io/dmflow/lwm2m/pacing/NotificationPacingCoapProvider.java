package io.dmflow.lwm2m.pacing;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.EndPointUriHandler;
import org.eclipse.leshan.core.endpoint.EndpointUri;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointFactory;
import org.eclipse.leshan.transport.californium.server.endpoint.coap.CoapServerEndpointFactory;
import org.eclipse.leshan.transport.californium.server.endpoint.coap.CoapServerProtocolProvider;

/** Leshan's plain CoAP endpoint with its UDP connector wrapped, by {@link NotificationPacingConnector} in dmflow. */
public final class NotificationPacingCoapProvider extends CoapServerProtocolProvider {

    private final UnaryOperator<Connector> wrap;

    public NotificationPacingCoapProvider(UnaryOperator<Connector> wrap) {
        this.wrap = wrap;
    }

    @Override
    public CaliforniumServerEndpointFactory createDefaultEndpointFactory(
            EndpointUri uri, EndPointUriHandler uriHandler) {
        return new CoapServerEndpointFactory(uri, null, null, null, uriHandler) {
            @Override
            protected Connector createConnector(InetSocketAddress address, Configuration configuration) {
                return wrap.apply(super.createConnector(address, configuration));
            }
        };
    }
}
