package io.dmflow.api.resource;

import io.dmflow.api.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a file a {@code Range} header asks for (one range of bytes: {@code bytes=from-}, {@code bytes=from-to}
 * or the last n, {@code bytes=-n}), so that a device that lost its connection resumes a download where it stopped.
 */
public record ByteRange(long from, long to, long size) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** The range cannot be served: it is malformed or starts past the end. */
    public static final class NotSatisfiable extends RuntimeException {

        private final long size;

        NotSatisfiable(String range, long size) {
            super("the range " + range + " is not within the " + size + " bytes of the file; ranges are bytes=from-to,"
                    + " bytes=from- or bytes=-length");
            this.size = size;
        }

        /** The 416 answer: a problem, with the file's size in Content-Range as RFC 9110 asks. */
        public Response answer(String path) {
            return Response.status(416)
                    .header("Content-Range", "bytes */" + size)
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", "Range Not Satisfiable", 416, getMessage(), path, "Range", null))
                    .build();
        }
    }

    /** Empty when there is no {@code Range} header: the whole file. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = RANGE.matcher(header.trim());
        if (!matcher.matches()
                || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw new NotSatisfiable(header, size);
        }
        long from;
        long to = size - 1;
        try {
            if (matcher.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(matcher.group(2)));
            } else {
                from = Long.parseLong(matcher.group(1));
                if (!matcher.group(2).isEmpty()) {
                    to = Math.min(to, Long.parseLong(matcher.group(2)));
                }
            }
        } catch (NumberFormatException e) {
            // More digits than a long holds: no file is that large.
            throw new NotSatisfiable(header, size);
        }
        if (from >= size || from > to) {
            throw new NotSatisfiable(header, size);
        }
        return Optional.of(new ByteRange(from, to, size));
    }

    public long length() {
        return to - from + 1;
    }

    /** The {@code Content-Range} of a 206 answer. */
    public String contentRange() {
        return "bytes " + from + "-" + to + "/" + size;
    }
}
