package io.dmflow.simulator.transport;

import java.net.InetSocketAddress;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.transport.californium.client.endpoint.coap.CoapClientEndpointFactory;

/** Leshan's plain CoAP endpoint, with the device's {@link Radio} in front of its UDP socket. */
final class SimulatedCoapEndpointFactory extends CoapClientEndpointFactory {

    private final Radio radio;

    SimulatedCoapEndpointFactory(String endpointName, Radio radio) {
        super(endpointName);
        this.radio = radio;
    }

    @Override
    protected Connector createConnector(InetSocketAddress address, Configuration coapConfig) {
        return new RadioConnector(new UDPConnector(address, coapConfig), radio);
    }
}
