package io.dmflow.api.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body sent without a {@code Content-Length} (chunked) is counted while it is read, and refused with a 413
 * problem as soon as it passes its {@link BodyLimits limit}, so that no endpoint reads more than that into memory.
 */
@Provider
public class StreamedBodyLength implements ReaderInterceptor {

    @Inject
    BodyLimits limits;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) != null) {
            // DeclaredBodyLength refused it already if it is over; a body never runs past its declared length.
            // Most requests declare one (every job the workers answer): they are not counted.
            return context.proceed();
        }
        BodyLimits.Limit limit =
                limits.of(request.getMethod(), "/" + uri.getPath().replaceFirst("^/", ""));
        context.setInputStream(new Counted(context.getInputStream(), limit));
        return context.proceed();
    }

    private static final class Counted extends FilterInputStream {

        private final BodyLimits.Limit limit;
        private long count;

        Counted(InputStream in, BodyLimits.Limit limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            int read = super.read(into, from, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long bytes) {
            count += bytes;
            if (count > limit.bytes()) {
                throw limit.exceeded();
            }
        }
    }
}
