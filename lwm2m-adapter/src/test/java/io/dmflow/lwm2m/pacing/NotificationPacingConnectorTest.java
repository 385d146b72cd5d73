package io.dmflow.lwm2m.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerInternals;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpoint;
import org.junit.jupiter.api.Test;

/**
 * A device's notifications beyond its share (the server's setting, not the default) are left out before the CoAP stack
 * reads them, and the device goes on notifying (its confirmable notifications are acknowledged, so it neither retransmits them nor ends the observation);
 * every other datagram reaches the stack.
 */
class NotificationPacingConnectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PER_SECOND = 10;
    private static final InetSocketAddress DEVICE = new InetSocketAddress("127.0.0.1", 5683);

    @Test
    void notificationsAreTheConfirmableAndNonConfirmableSuccessResponsesWithAnObserveOption() {
        assertThat(NotificationPacingConnector.isNotification(notification(CoAP.Type.CON)))
                .isTrue();
        assertThat(NotificationPacingConnector.isNotification(notification(CoAP.Type.NON)))
                .isTrue();

        Response piggybacked = response(CoAP.Type.ACK, CoAP.ResponseCode.CONTENT);
        piggybacked.getOptions().setObserve(3);
        assertThat(NotificationPacingConnector.isNotification(bytes(piggybacked)))
                .as("the answer to the Observe request itself")
                .isFalse();

        Response separate = response(CoAP.Type.CON, CoAP.ResponseCode.CONTENT);
        separate.getOptions().setContentFormat(11542).addETag(new byte[] {1, 2});
        assertThat(NotificationPacingConnector.isNotification(bytes(separate)))
                .as("a separate response to a Read")
                .isFalse();

        Response ended = response(CoAP.Type.CON, CoAP.ResponseCode.NOT_FOUND);
        ended.getOptions().setObserve(4);
        assertThat(NotificationPacingConnector.isNotification(bytes(ended)))
                .as("an error that ends the observation")
                .isFalse();

        Request request = Request.newGet();
        request.setMID(9);
        request.setToken(new byte[] {7});
        request.getOptions().setObserve(0).setUriPath("rd");
        request.setDestinationContext(new AddressEndpointContext(DEVICE));
        assertThat(NotificationPacingConnector.isNotification(
                        new UdpDataSerializer().serializeRequest(request).getBytes()))
                .as("a request")
                .isFalse();

        byte[] notification = notification(CoAP.Type.CON);
        assertThat(NotificationPacingConnector.isNotification(Arrays.copyOf(notification, 5)))
                .as("a datagram cut short")
                .isFalse();
        assertThat(NotificationPacingConnector.isNotification(new byte[] {(byte) 0x80, 0x45, 0, 1}))
                .as("another CoAP version")
                .isFalse();
    }

    @Test
    void theAcknowledgementOfALeftOutNotificationCarriesItsMessageId() {
        byte[] notification = notification(CoAP.Type.CON);
        byte[] ack = NotificationPacingConnector.emptyAck(notification);
        Message parsed = new org.eclipse.californium.core.network.serialization.UdpDataParser()
                .parseMessage(org.eclipse.californium.elements.RawData.inbound(
                        ack, new AddressEndpointContext(DEVICE), false, 0, DEVICE));
        assertThat(parsed.getType()).isEqualTo(CoAP.Type.ACK);
        assertThat(parsed.getRawCode()).isZero();
        assertThat(parsed.getMID()).isEqualTo(0x1234);
        assertThat(parsed.getToken().length()).isZero();
    }

    @Test
    void aDeviceNotifyingEveryMillisecondIsHeardAtTheConfiguredShareReadByTheStackAtItAndGoesOnNotifying()
            throws Exception {
        DeviceManagementServer server = DeviceManagementServer.builder(ServerSettings.loopback())
                .reportsPerDeviceAndSecond(PER_SECOND)
                .build();
        List<Long> heardAtNanos = new CopyOnWriteArrayList<>();
        server.addListener(new DeviceEventListener() {
            @Override
            public void notified(DeviceRegistration registration, DeviceValue value) {
                heardAtNanos.add(System.nanoTime());
            }
        });
        server.start();
        AtomicInteger readByTheStack = new AtomicInteger();
        ((CaliforniumServerEndpoint) ServerInternals.leshan(server).getEndpoint(Protocol.COAP))
                .getCoapEndpoint()
                .addInterceptor(new MessageInterceptor() {
                    @Override
                    public void receiveResponse(Response response) {
                        if (response.getOptions().hasObserve() && response.getType() != CoAP.Type.ACK) {
                            readByTheStack.incrementAndGet();
                        }
                    }
                });
        try (SimulatedFleet flooding = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow().toString())
                .endpoint("flooding")
                .objects(SupportedObject.TEMPERATURE)
                .sensorPeriod(Duration.ofMillis(1))
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            server.observations().observe("flooding", "/3303/0/5700").get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();

            // Five seconds' share: had the device ended the observation (its notifications unacknowledged) or been
            // silenced, this would not come.
            int share = 5 * PER_SECOND;
            await().atMost(Duration.ofSeconds(20)).until(() -> heardAtNanos.size() >= share);
            double seconds = (System.nanoTime() - start) / 1e9;

            // The cap is the server's setting: at most PER_SECOND a second, so the (2 * PER_SECOND + 1)th value comes
            // in
            // the third second at the earliest; at the default of 20 it would come within the first two.
            int counted = 2 * PER_SECOND + 1;
            long spanMillis = (heardAtNanos.get(counted - 1) - heardAtNanos.get(0)) / 1_000_000;
            assertThat(spanMillis)
                    .as("milliseconds from the first to the %dth value heard", counted)
                    .isGreaterThanOrEqualTo(1_500);

            assertThat(readByTheStack.get())
                    .as("notifications the CoAP stack read in %.1f s (the device sends about 1000 a second)", seconds)
                    .isLessThanOrEqualTo((int) Math.ceil(seconds + 1) * PER_SECOND);
        } finally {
            server.close();
        }
    }

    private static byte[] notification(CoAP.Type type) {
        Response notification = response(type, CoAP.ResponseCode.CONTENT);
        notification.getOptions().setContentFormat(11542).setObserve(42);
        notification.setPayload(new byte[] {(byte) 0xC8, 0x00, 0x14});
        return bytes(notification);
    }

    private static Response response(CoAP.Type type, CoAP.ResponseCode code) {
        Response response = new Response(code);
        response.setType(type);
        response.setMID(0x1234);
        response.setToken(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        response.setDestinationContext(new AddressEndpointContext(DEVICE));
        return response;
    }

    private static byte[] bytes(Response response) {
        return new UdpDataSerializer().serializeResponse(response).getBytes();
    }
}
