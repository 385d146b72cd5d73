package io.dmflow.lwm2m.security;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.scandium.AlertHandler;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.ServerHandshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Reports refused DTLS handshakes to {@link SecurityRefusals}, once per handshake. Scandium shows them in three
 * places, so this listens to all three:
 * <ul>
 * <li>an unknown PSK identity is not a failed handshake: Scandium drops the client's key exchange and only reports
 * the alert ({@link AlertHandler}); the client times out;</li>
 * <li>a wrong PSK key shows as a MAC error on the client's encrypted Finished ({@link ConnectionListener}), which is
 * also only dropped;</li>
 * <li>what does fail the handshake with a fatal alert (an untrusted raw public key or certificate) reaches the
 * {@link SessionListener}.</li>
 * </ul>
 * Handshakes that only time out (the device went away) are no refusal and are not reported.
 */
public final class HandshakeRefusals implements SessionListener, ConnectionListener, AlertHandler {

    /** Ongoing handshakes remembered at most; a flood is bounded by the DTLS cookie exchange before this. */
    static final int MAX_ONGOING = 10_000;

    private final SecurityRefusals refusals;
    private final Map<InetSocketAddress, Attempt> ongoing = new ConcurrentHashMap<>();

    public HandshakeRefusals(SecurityRefusals refusals) {
        this.refusals = refusals;
    }

    /** One handshake and whether its refusal was reported already (clients retransmit the refused flight). */
    private static final class Attempt {
        private final Handshaker handshaker;
        private boolean reported;

        Attempt(Handshaker handshaker) {
            this.handshaker = handshaker;
        }

        synchronized boolean firstReport() {
            boolean first = !reported;
            reported = true;
            return first;
        }
    }

    @Override
    public void handshakeStarted(Handshaker handshaker) {
        if (ongoing.size() >= MAX_ONGOING) {
            ongoing.values().removeIf(attempt -> attempt.handshaker.isExpired());
        }
        if (ongoing.size() < MAX_ONGOING) {
            ongoing.put(handshaker.getPeerAddress(), new Attempt(handshaker));
        }
    }

    @Override
    public void handshakeCompleted(Handshaker handshaker) {
        ended(handshaker);
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        Attempt attempt = ended(handshaker);
        if (error instanceof HandshakeException handshake
                && handshake.getAlert() != null
                && handshake.getAlert().isFatal()
                && (attempt == null || attempt.firstReport())) {
            report(handshaker, handshaker.getPeerAddress(), handshake.getAlert(), handshake.getMessage());
        }
    }

    @Override
    public void onAlert(InetSocketAddress peer, AlertMessage alert) {
        if (!alert.isFatal() || alert.getDescription() == AlertDescription.CLOSE_NOTIFY) {
            return;
        }
        Attempt attempt = ongoing.get(peer);
        if (attempt == null || attempt.firstReport()) {
            report(attempt == null ? null : attempt.handshaker, peer, alert, null);
        }
    }

    @Override
    public boolean onConnectionMacError(Connection connection) {
        Handshaker handshaker = connection.getOngoingHandshake();
        String identity = pskIdentity(handshaker);
        Attempt attempt = handshaker == null ? null : ongoing.get(handshaker.getPeerAddress());
        if (identity != null && attempt != null && attempt.handshaker == handshaker && attempt.firstReport()) {
            refusals.refused(
                    RefusalReason.WRONG_PSK_KEY,
                    "PSK identity " + identity,
                    connection.getPeerAddress(),
                    "its encrypted Finished does not verify with the key on record");
        }
        return false; // Scandium's own handling of MAC errors stays as it is
    }

    private Attempt ended(Handshaker handshaker) {
        Attempt attempt = ongoing.get(handshaker.getPeerAddress());
        if (attempt != null && attempt.handshaker == handshaker) {
            ongoing.remove(handshaker.getPeerAddress(), attempt);
            return attempt;
        }
        return null;
    }

    private void report(Handshaker handshaker, InetSocketAddress peer, AlertMessage alert, String message) {
        String identity = pskIdentity(handshaker);
        String detail =
                "DTLS alert " + alert.getDescription().name().toLowerCase() + (message == null ? "" : ": " + message);
        refusals.refused(
                reason(alert.getDescription(), identity != null),
                identity == null ? null : "PSK identity " + identity,
                peer,
                detail);
    }

    static RefusalReason reason(AlertDescription alert, boolean pskIdentityGiven) {
        return switch (alert) {
            case UNKNOWN_PSK_IDENTITY -> RefusalReason.UNKNOWN_PSK_IDENTITY;
            // With PSK both sides derive the keys from the secret: a wrong one shows as a failed MAC or Finished.
            case BAD_RECORD_MAC, DECRYPT_ERROR ->
                pskIdentityGiven ? RefusalReason.WRONG_PSK_KEY : RefusalReason.HANDSHAKE_FAILED;
            case BAD_CERTIFICATE,
                    UNSUPPORTED_CERTIFICATE,
                    CERTIFICATE_REVOKED,
                    CERTIFICATE_EXPIRED,
                    CERTIFICATE_UNKNOWN,
                    UNKNOWN_CA,
                    ACCESS_DENIED -> RefusalReason.UNTRUSTED_KEY;
            default -> RefusalReason.HANDSHAKE_FAILED;
        };
    }

    private static String pskIdentity(Handshaker handshaker) {
        if (handshaker instanceof ServerHandshaker server) {
            PskPublicInformation identity = server.getPreSharedKeyIdentity();
            if (identity != null && !identity.isEmpty()) {
                return identity.getPublicInfoAsString();
            }
        }
        return null;
    }

    // ---- nothing to report

    @Override
    public void contextEstablished(Handshaker handshaker, DTLSContext context) {}

    @Override
    public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {}

    @Override
    public void onConnectionEstablished(Connection connection) {}

    @Override
    public void onConnectionRemoved(Connection connection) {}

    @Override
    public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeLock) {
        return false;
    }

    @Override
    public void beforeExecution(Connection connection) {}

    @Override
    public void updateExecution(Connection connection) {}

    @Override
    public void afterExecution(Connection connection) {}
}
