package io.dmflow.simulator.transport;

import org.eclipse.leshan.transport.californium.client.endpoint.CaliforniumClientEndpointFactory;
import org.eclipse.leshan.transport.californium.client.endpoint.coap.CoapClientProtocolProvider;

/** Plain CoAP for one simulated device, through its radio. */
final class SimulatedCoapProtocolProvider extends CoapClientProtocolProvider {

    private final String endpointName;
    private final Radio radio;

    SimulatedCoapProtocolProvider(String endpointName, Radio radio) {
        this.endpointName = endpointName;
        this.radio = radio;
    }

    @Override
    public CaliforniumClientEndpointFactory createDefaultEndpointFactory() {
        return new SimulatedCoapEndpointFactory(endpointName, radio);
    }
}
