package io.dmflow.simulator.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * Puts a {@link Radio} between the CoAP stack and the real UDP socket: datagrams the radio does not admit are dropped
 * (inbound) or fail (outbound while offline), everything else passes through unchanged.
 */
final class RadioConnector implements Connector {

    private final Connector socket;
    private final Radio radio;
    private final UdpDataParser parser = new UdpDataParser();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private volatile int lostAnswerMid = -1; // the request whose answer the armed drop loses
    private volatile LinkDrop lostAnswerDrop;

    RadioConnector(Connector socket, Radio radio) {
        this.socket = socket;
        this.radio = radio;
    }

    /** The wrapped connector. */
    Connector socket() {
        return socket;
    }

    @Override
    public void start() throws IOException {
        socket.start();
    }

    @Override
    public void stop() {
        socket.stop();
    }

    @Override
    public void destroy() {
        socket.destroy();
    }

    @Override
    public void send(RawData msg) {
        if (lostAnswerDrop != null && isAnswerTo(msg, lostAnswerMid)) {
            radio.dropOff(lostAnswerDrop);
            lostAnswerDrop = null;
        }
        if (radio.admitOutbound()) {
            RawData out = radio.isGarblingAnswers() ? garbled(msg) : msg;
            radio.afterLatency(() -> socket.send(out));
        } else {
            // Fail fast like a modem without coverage: the CoAP exchange ends now instead of retransmitting for 93 s.
            msg.onError(new IOException("simulated device is offline"));
        }
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        socket.setRawDataReceiver(raw -> {
            if (radio.admitInbound() && !dropsOffAt(raw) && !ignored(raw)) {
                receiver.receiveData(raw);
            }
        });
    }

    /** Whether an armed {@link LinkDrop} happens at this datagram; the link goes now or with the answer. */
    private boolean dropsOffAt(RawData raw) {
        LinkDrop drop = radio.armedDrop();
        // Only plain CoAP can be read here; a DTLS connector's datagrams are records this layer cannot open.
        if (drop == null || !"UDP".equals(socket.getProtocol())) {
            return false;
        }
        Message message = parse(raw);
        if (!(message instanceof Request request) || !drop.matches(request) || !radio.isDropPoint(drop)) {
            return false;
        }
        if (drop.moment() == LinkDrop.Moment.REQUEST_LOST) {
            radio.dropOff(drop);
            return true;
        }
        lostAnswerMid = request.getMID();
        lostAnswerDrop = drop;
        return false;
    }

    /** A request the device's hung stack never sees (its acknowledgements and answers to its own requests pass). */
    private boolean ignored(RawData raw) {
        return radio.isIgnoringRequests() && "UDP".equals(socket.getProtocol()) && parse(raw) instanceof Request;
    }

    /**
     * The answer as a device with broken encoding sends it: a TLV content format over bytes that are no TLV (a
     * resource header announcing more bytes than follow). Only plain CoAP; other datagrams leave unchanged.
     */
    private RawData garbled(RawData msg) {
        if (!"UDP".equals(socket.getProtocol()) || !(parse(msg) instanceof Response response)) {
            return msg;
        }
        if (response.getPayloadSize() == 0) {
            return msg;
        }
        byte[] garbage = new byte[Math.max(4, response.getPayloadSize())];
        Arrays.fill(garbage, (byte) 0xFF);
        response.setPayload(garbage);
        response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV);
        return RawData.outbound(
                serializer.getByteArray(response), msg.getEndpointContext(), new Forwarding(msg), msg.isMulticast());
    }

    /** Reports the fate of a replaced datagram to the original's callback, which the CoAP exchange waits on. */
    private record Forwarding(RawData original) implements MessageCallback {

        @Override
        public void onConnecting() {
            original.onConnecting();
        }

        @Override
        public void onDtlsRetransmission(int flight) {
            original.onDtlsRetransmission(flight);
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
            original.onContextEstablished(context);
        }

        @Override
        public void onSent() {
            original.onSent();
        }

        @Override
        public void onError(Throwable error) {
            original.onError(error);
        }
    }

    private boolean isAnswerTo(RawData raw, int mid) {
        Message message = parse(raw);
        return message instanceof Response && message.getMID() == mid;
    }

    /** A plain CoAP message, or null for a datagram that does not parse as one (it then passes unchanged). */
    private Message parse(RawData raw) {
        try {
            // From the bytes alone: a datagram on its way out carries no source context to parse from.
            return parser.parseMessage(raw.getBytes());
        } catch (RuntimeException notCoap) {
            return null;
        }
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        socket.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return socket.getAddress();
    }

    @Override
    public String getProtocol() {
        return socket.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return socket.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        socket.processDatagram(datagram);
    }

    @Override
    public String toString() {
        return "radio:" + socket;
    }
}
