package io.dmflow.simulator.transport;

import java.util.Locale;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.option.BlockOption;

/**
 * Where a device drops off its link: at the {@code occurrence}-th request with this method to this path (the first by
 * default), either before the device
 * sees it ({@link Moment#REQUEST_LOST}: the operation does not happen) or right after it acted on it
 * ({@link Moment#ANSWER_LOST}: the operation happened, the server never hears so). For a block-wise transfer the
 * answer that is lost is the one to the last block, when the device holds the whole body.
 */
public record LinkDrop(String method, String path, Moment moment, int occurrence) {

    public enum Moment {
        REQUEST_LOST,
        ANSWER_LOST
    }

    public LinkDrop {
        method = method.toUpperCase(Locale.ROOT);
        path = path.startsWith("/") ? path.substring(1) : path;
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence counts from 1, not " + occurrence);
        }
    }

    /** The request is lost with the link: the device never acts on it. */
    public static LinkDrop beforeRequest(String method, String path) {
        return new LinkDrop(method, path, Moment.REQUEST_LOST, 1);
    }

    /** The device acts on the request, then the link is gone before its answer leaves. */
    public static LinkDrop afterRequest(String method, String path) {
        return new LinkDrop(method, path, Moment.ANSWER_LOST, 1);
    }

    /** The same drop at the {@code n}-th such request instead of the first, e.g. the second read of a path. */
    public LinkDrop atOccurrence(int n) {
        return new LinkDrop(method, path, moment, n);
    }

    boolean matches(Request request) {
        if (!request.getCode().name().equals(method)
                || !request.getOptions().getUriPathString().equals(path)) {
            return false;
        }
        BlockOption block1 = request.getOptions().getBlock1();
        // Before the request: its first block; after it: its last block, the one whose answer completes the transfer.
        return moment == Moment.REQUEST_LOST ? block1 == null || block1.getNum() == 0 : block1 == null || !block1.isM();
    }
}
