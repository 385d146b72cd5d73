package io.dmflow.simulator.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;

import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * Puts a {@link Radio} between the CoAP stack and the real UDP socket: datagrams the radio does not admit are dropped
 * (inbound) or fail (outbound while offline), everything else passes through unchanged.
 */
final class RadioConnector implements Connector {

    private final Connector socket;
    private final Radio radio;

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
        if (radio.admitOutbound()) {
            socket.send(msg);
        } else {
            // Fail fast like a modem without coverage: the CoAP exchange ends now instead of retransmitting for 93 s.
            msg.onError(new IOException("simulated device is offline"));
        }
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        socket.setRawDataReceiver(raw -> {
            if (radio.admitInbound()) {
                receiver.receiveData(raw);
            }
        });
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
