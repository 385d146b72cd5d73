package io.dmflow.lwm2m.security;

import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.leshan.core.endpoint.EndPointUriHandler;
import org.eclipse.leshan.core.endpoint.EndpointUri;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointFactory;
import org.eclipse.leshan.transport.californium.server.endpoint.coaps.CoapsServerEndpointFactory;
import org.eclipse.leshan.transport.californium.server.endpoint.coaps.CoapsServerProtocolProvider;

/**
 * Leshan's CoAPS endpoint with {@link HandshakeRefusals} listening on its DTLS connector: on the handshakes, on MAC
 * errors and on the alerts Scandium reports without failing the handshake (those need the connector itself).
 */
public final class RefusalReportingCoapsProvider extends CoapsServerProtocolProvider {

    private final HandshakeRefusals refusals;

    public RefusalReportingCoapsProvider(SecurityRefusals refusals) {
        this(new HandshakeRefusals(refusals));
    }

    private RefusalReportingCoapsProvider(HandshakeRefusals refusals) {
        super(dtls -> dtls.setSessionListener(refusals).setConnectionListener(refusals));
        this.refusals = refusals;
    }

    @Override
    public CaliforniumServerEndpointFactory createDefaultEndpointFactory(
            EndpointUri uri, EndPointUriHandler uriHandler) {
        return new CoapsServerEndpointFactory(uri, null, null, dtlsConnectorConfigInitializer, null, uriHandler) {
            @Override
            protected Connector createConnector(DtlsConnectorConfig config) {
                DTLSConnector connector = new DTLSConnector(config);
                connector.setAlertHandler(refusals);
                return connector;
            }
        };
    }
}
