package io.dmflow.simulator.transport;

import java.net.InetAddress;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ProtocolScheduledExecutorService;
import org.eclipse.leshan.client.endpoint.ClientEndpointToolbox;
import org.eclipse.leshan.client.notification.NotificationManager;
import org.eclipse.leshan.client.request.DownlinkRequestReceiver;
import org.eclipse.leshan.client.resource.LwM2mObjectTree;
import org.eclipse.leshan.transport.californium.client.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.transport.californium.client.endpoint.ClientProtocolProvider;

/**
 * The Californium endpoints of one simulated device, running on the fleet's shared CoAP executor.
 * <p>
 * Leshan's {@code setSharedExecutor} covers the registration engine and notifications only; left alone, each client's
 * {@code CoapServer} would start its own protocol-stage thread pool. Setting a detached executor before the server
 * starts keeps thousands of devices on a handful of threads (the UDP receiver and sender threads of each socket
 * remain, Californium cannot share those).
 */
public final class DeviceEndpointsProvider extends CaliforniumClientEndpointsProvider {

    private final ProtocolScheduledExecutorService coapExecutor;

    private DeviceEndpointsProvider(Builder builder, ProtocolScheduledExecutorService coapExecutor) {
        super(builder);
        this.coapExecutor = coapExecutor;
    }

    /**
     * @param endpointName used in Californium's log tags
     * @param bindAddress local address the device's socket binds (ephemeral port)
     */
    public static DeviceEndpointsProvider create(
            String endpointName,
            Radio radio,
            InetAddress bindAddress,
            Configuration configuration,
            ProtocolScheduledExecutorService coapExecutor) {
        Builder builder = new Builder(
                new SimulatedCoapProtocolProvider(endpointName, radio),
                new SimulatedCoapsProtocolProvider(endpointName, radio));
        builder.setConfiguration(configuration);
        builder.setClientAddress(bindAddress);
        return builder.build(coapExecutor);
    }

    @Override
    public void init(
            LwM2mObjectTree objectTree,
            DownlinkRequestReceiver requestReceiver,
            NotificationManager notificationManager,
            ClientEndpointToolbox toolbox) {
        super.init(objectTree, requestReceiver, notificationManager, toolbox);
        getCoapServer().setExecutor(coapExecutor, true);
    }

    private static final class Builder extends CaliforniumClientEndpointsProvider.Builder {

        Builder(ClientProtocolProvider... protocols) {
            super(protocols);
        }

        DeviceEndpointsProvider build(ProtocolScheduledExecutorService coapExecutor) {
            generateDefaultValue();
            return new DeviceEndpointsProvider(this, coapExecutor);
        }
    }
}
