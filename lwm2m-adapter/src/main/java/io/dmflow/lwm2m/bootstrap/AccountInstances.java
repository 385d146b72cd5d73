package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

/**
 * The Security (Object 0) and Server (Object 1) instances of one server account on a device, as a bootstrap server
 * writes them (resource ids from the OMA registry's 0.xml and 1.xml).
 */
final class AccountInstances {

    private static final byte[] NONE = new byte[0];

    private AccountInstances() {}

    static LwM2mObjectInstance security(
            int instanceId, ServerDefinition server, Optional<ClientCredentials> credentials) {
        byte[] identityOrPublicKey = NONE;
        byte[] serverPublicKey = NONE;
        byte[] secretKey = NONE;
        if (credentials.orElse(null) instanceof PskCredentials psk) {
            identityOrPublicKey = psk.identity().getBytes(StandardCharsets.UTF_8);
            secretKey = psk.key();
        } else if (credentials.orElse(null) instanceof RpkCredentials rpk) {
            identityOrPublicKey = rpk.publicKey().getEncoded();
            serverPublicKey = server.serverPublicKey().orElseThrow().getEncoded();
            secretKey = rpk.privateKey().orElseThrow().getEncoded();
        }
        List<LwM2mResource> resources = new ArrayList<>(List.of(
                LwM2mSingleResource.newStringResource(0, server.uri().toString()),
                LwM2mSingleResource.newBooleanResource(1, server.kind() == ServerKind.BOOTSTRAP),
                LwM2mSingleResource.newIntegerResource(2, server.securityMode().code()),
                LwM2mSingleResource.newBinaryResource(3, identityOrPublicKey),
                LwM2mSingleResource.newBinaryResource(4, serverPublicKey),
                LwM2mSingleResource.newBinaryResource(5, secretKey)));
        if (server.kind() == ServerKind.MANAGEMENT) {
            resources.add(LwM2mSingleResource.newIntegerResource(10, server.shortServerId()));
        } else {
            resources.add(LwM2mSingleResource.newIntegerResource(
                    11, server.clientHoldOff().toSeconds()));
        }
        return new LwM2mObjectInstance(instanceId, resources);
    }

    static LwM2mObjectInstance server(int instanceId, ServerDefinition server) {
        return new LwM2mObjectInstance(
                instanceId,
                LwM2mSingleResource.newIntegerResource(0, server.shortServerId()),
                LwM2mSingleResource.newIntegerResource(1, server.lifetime().toSeconds()),
                LwM2mSingleResource.newBooleanResource(6, server.notificationStoring()),
                LwM2mSingleResource.newStringResource(7, server.binding()));
    }
}
