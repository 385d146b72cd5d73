package io.dmflow.simulator.transport;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.eclipse.leshan.transport.californium.client.CaliforniumConnectionController;
import org.eclipse.leshan.transport.californium.client.endpoint.coaps.CoapsClientEndpointFactory;

/** Leshan's CoAP-over-DTLS endpoint, with the device's {@link Radio} in front of its DTLS connector. */
final class SimulatedCoapsEndpointFactory extends CoapsClientEndpointFactory {

    private final Radio radio;

    SimulatedCoapsEndpointFactory(String endpointName, Radio radio) {
        super(endpointName);
        this.radio = radio;
    }

    @Override
    protected Connector createSecuredConnector(DtlsConnectorConfig dtlsConfig) {
        DTLSConnector dtls = new DTLSConnector(dtlsConfig) {
            {
                addSessionListener(new SessionAdapter() {
                    @Override
                    public void handshakeCompleted(Handshaker handshaker) {
                        radio.handshakeCompleted();
                    }
                });
            }
        };
        return new RadioConnector(dtls, radio);
    }

    // Leshan resumes or clears the DTLS session on registration timeouts; it looks for the DTLSConnector itself.
    @Override
    public CaliforniumConnectionController createConnectionController() {
        return (endpoint, server, resume) -> {
            Connector connector = ((CoapEndpoint) endpoint).getConnector();
            if (connector instanceof RadioConnector radioConnector
                    && radioConnector.socket() instanceof DTLSConnector dtls) {
                if (resume) {
                    dtls.forceResumeAllSessions();
                } else {
                    dtls.clearConnectionState();
                }
            }
        };
    }
}
