package io.dmflow.simulator.transport;

import org.eclipse.leshan.transport.californium.client.endpoint.CaliforniumClientEndpointFactory;
import org.eclipse.leshan.transport.californium.client.endpoint.coaps.CoapsClientProtocolProvider;

/** CoAP over DTLS (PSK today) for one simulated device, through its radio. */
final class SimulatedCoapsProtocolProvider extends CoapsClientProtocolProvider {

    private final String endpointName;
    private final Radio radio;

    SimulatedCoapsProtocolProvider(String endpointName, Radio radio) {
        this.endpointName = endpointName;
        this.radio = radio;
    }

    @Override
    public CaliforniumClientEndpointFactory createDefaultEndpointFactory() {
        return new SimulatedCoapsEndpointFactory(endpointName, radio);
    }
}
