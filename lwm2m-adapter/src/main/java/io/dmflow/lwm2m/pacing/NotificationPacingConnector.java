package io.dmflow.lwm2m.pacing;

import io.dmflow.lwm2m.logging.LogRateLimit;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces each device's notifications between the socket and the CoAP stack, before anything is parsed. A device that
 * notifies a thousand times a second would otherwise cost the server, for every datagram, the CoAP parsing, the
 * look-up of its observation (which Leshan rebuilds from its stored form each time) and the decoding of the value,
 * only for {@link ReportPacing} to leave the value out afterwards: processor time the rest of the fleet's tasks need.
 * <p>
 * Only notifications are paced: confirmable or not, with a 2.xx code and an Observe option. Beyond the device's
 * share of a second, a non-confirmable one is dropped and a confirmable one is acknowledged here with an empty ACK
 * and dropped, as the stack would have done with the value, so that the device neither retransmits it nor ends the
 * observation. Everything else (requests, ACKs, responses to dmflow's requests, error notifications) passes untouched.
 */
public final class NotificationPacingConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPacingConnector.class);
    private static final int COAP_VERSION_1 = 0x40;
    private static final int OBSERVE_OPTION = 6;
    private static final int PAYLOAD_MARKER = 0xFF;

    private final Connector socket;
    private final ReportPacing pacing;
    private final Function<InetSocketAddress, Optional<String>> endpointAt;
    private final LogRateLimit leftOutLog = new LogRateLimit(Clock.systemUTC(), Duration.ofMinutes(1), 10_000);

    /**
     * @param endpointAt the endpoint registered from an address, for the warning that names a flooding device (asked
     *     at most once a minute per device)
     */
    public NotificationPacingConnector(
            Connector socket, ReportPacing pacing, Function<InetSocketAddress, Optional<String>> endpointAt) {
        this.socket = socket;
        this.pacing = pacing;
        this.endpointAt = endpointAt;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel stack) {
        socket.setRawDataReceiver(datagram -> {
            if (admit(datagram)) {
                stack.receiveData(datagram);
            }
        });
    }

    private boolean admit(RawData datagram) {
        byte[] bytes = datagram.getBytes();
        if (!isNotification(bytes)) {
            return true;
        }
        InetSocketAddress peer = datagram.getInetSocketAddress();
        if (pacing.admit(peer, System.nanoTime())) {
            return true;
        }
        if (isConfirmable(bytes)) {
            socket.send(RawData.outbound(emptyAck(bytes), datagram.getEndpointContext(), null, false));
        }
        OptionalLong leftOutBefore = leftOutLog.admit(peer);
        if (leftOutBefore.isPresent()) {
            LOG.warn(
                    "Device {} at {} notifies more than {} times a second; the notifications beyond that are left out"
                            + " unread ({} more left out since the last such line)",
                    endpointAt.apply(peer).orElse("(not registered)"),
                    peer,
                    pacing.perSecond(),
                    leftOutBefore.getAsLong());
        }
        return false;
    }

    /**
     * Whether a datagram is a CoAP notification: version 1, confirmable or not, a 2.xx code, and the Observe option
     * among its options (read up to that option number only; malformed options make it "not a notification" and
     * leave it to the stack, which rejects it).
     */
    static boolean isNotification(byte[] datagram) {
        if (datagram.length < 4 || (datagram[0] & 0xC0) != COAP_VERSION_1 || ((datagram[0] >>> 4) & 0x3) > 1) {
            return false;
        }
        if (((datagram[1] & 0xFF) >>> 5) != 2) {
            return false;
        }
        int at = 4 + (datagram[0] & 0x0F);
        int number = 0;
        while (at < datagram.length) {
            int header = datagram[at++] & 0xFF;
            if (header == PAYLOAD_MARKER) {
                return false;
            }
            int[] delta = extended(datagram, at, header >>> 4);
            if (delta == null) {
                return false;
            }
            at = delta[1];
            int[] length = extended(datagram, at, header & 0x0F);
            if (length == null) {
                return false;
            }
            at = length[1] + length[0];
            number += delta[0];
            if (number >= OBSERVE_OPTION) {
                return number == OBSERVE_OPTION;
            }
        }
        return false;
    }

    /** An option's delta or length nibble with its extension bytes: {value, index after the extension}. */
    private static int[] extended(byte[] datagram, int at, int nibble) {
        if (nibble < 13) {
            return new int[] {nibble, at};
        }
        if (nibble == 13 && at < datagram.length) {
            return new int[] {13 + (datagram[at] & 0xFF), at + 1};
        }
        if (nibble == 14 && at + 1 < datagram.length) {
            return new int[] {269 + ((datagram[at] & 0xFF) << 8 | (datagram[at + 1] & 0xFF)), at + 2};
        }
        return null;
    }

    private static boolean isConfirmable(byte[] datagram) {
        return ((datagram[0] >>> 4) & 0x3) == 0;
    }

    /** An empty ACK (version 1, type ACK, no token, code 0.00) for the message ID of {@code datagram}. */
    static byte[] emptyAck(byte[] datagram) {
        return new byte[] {0x60, 0, datagram[2], datagram[3]};
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
    public void send(RawData datagram) {
        socket.send(datagram);
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
        return socket.toString();
    }
}
