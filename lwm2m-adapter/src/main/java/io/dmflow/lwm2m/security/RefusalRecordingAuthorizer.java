package io.dmflow.lwm2m.security;

import org.eclipse.leshan.core.endpoint.EndpointUri;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.UplinkRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.Authorizer;
import org.eclipse.leshan.server.security.DefaultAuthorizer;
import org.eclipse.leshan.servers.security.Authorization;
import org.eclipse.leshan.servers.security.SecurityStore;

/**
 * Leshan's check of who may register, update, deregister or send as an endpoint, with every refusal (answered 4.03)
 * reported to {@link SecurityRefusals}.
 */
public final class RefusalRecordingAuthorizer implements Authorizer {

    private final Authorizer checks;
    private final SecurityStore securityStore;
    private final SecurityRefusals refusals;

    public RefusalRecordingAuthorizer(SecurityStore securityStore, SecurityRefusals refusals) {
        this.checks = new DefaultAuthorizer(securityStore);
        this.securityStore = securityStore;
        this.refusals = refusals;
    }

    @Override
    public Authorization isAuthorized(
            UplinkRequest<?> request, Registration registration, LwM2mPeer sender, EndpointUri endpointUri) {
        Authorization authorization = checks.isAuthorized(request, registration, sender, endpointUri);
        if (authorization.isDeclined()) {
            String endpoint = registration.getEndpoint();
            boolean secured =
                    sender.getIdentity() != null && sender.getIdentity().isSecure();
            // Declined without security on either side: the request came in on another server endpoint than the
            // registration's, which is no security matter.
            if (secured || securityStore.getByEndpoint(endpoint) != null) {
                refusals.refused(
                        secured ? RefusalReason.WRONG_CREDENTIALS : RefusalReason.NOT_SECURED,
                        "endpoint " + endpoint,
                        sender instanceof IpPeer ip ? ip.getSocketAddress() : null,
                        secured ? "came as " + sender.getIdentity() : null);
            }
        }
        return authorization;
    }
}
