package io.dmflow.api.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.security.LogCapture;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Stored files go in and out as streams: a 96 MiB upload and its download each keep the heap less than 48 MiB above
 * its idle level ({@code -Dstreaming.file-mib=200 -Dstreaming.heap-allowance-mib=100} measures the 200 MiB
 * against 100 MiB), and an upload whose client goes away or stalls midway leaves no resource and no chunk behind.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(ResourceStreamingTest.LargeFiles.class)
class ResourceStreamingTest {

    /**
     * Large enough that a transfer held in memory, even once, shows as more than {@link #HEAP_ALLOWANCE}; small enough
     * that the full collections the heap sampler makes do not stretch the test into minutes.
     */
    private static final long FILE_BYTES = Long.getLong("streaming.file-mib", 96) * 1024 * 1024;

    private static final long HEAP_ALLOWANCE = Long.getLong("streaming.heap-allowance-mib", 48) * 1024 * 1024;

    private static final int SERVER_LIMIT = 250;

    /** How long an upload may send nothing before it counts as broken off (60 s by default). */
    private static final int READ_TIMEOUT_SECONDS = 5;

    /**
     * Files of up to 256 MiB, where the other tests keep a small limit, Quarkus' own limit below that, and a short
     * read timeout.
     */
    public static class LargeFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dmflow.resources.max-bytes",
                    Long.toString(256L * 1024 * 1024),
                    "quarkus.http.limits.max-body-size",
                    SERVER_LIMIT + "M",
                    "quarkus.http.read-timeout",
                    READ_TIMEOUT_SECONDS + "s");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    DataSource dataSource;

    @Test
    void aLargeUploadAndDownloadKeepTheHeapNearItsIdleLevel() throws Exception {
        String sha256;
        long uploadPeak;
        try (HeapSampler heap = HeapSampler.start()) {
            HttpURLConnection upload = open("/api/resources/large-image/data");
            upload.setRequestMethod("PUT");
            upload.setDoOutput(true);
            upload.setFixedLengthStreamingMode(FILE_BYTES);
            upload.setRequestProperty("Content-Type", "application/octet-stream");
            MessageDigest digest = sha256();
            try (InputStream file = new DigestInputStream(new PatternStream(FILE_BYTES), digest);
                    OutputStream out = upload.getOutputStream()) {
                file.transferTo(out);
            }
            assertThat(upload.getResponseCode()).isEqualTo(201);
            sha256 = HexFormat.of().formatHex(digest.digest());
            String answer = new String(upload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).contains("\"size\":" + FILE_BYTES).contains("\"sha256\":\"" + sha256 + "\"");
            uploadPeak = heap.peakAboveIdle();
        }
        System.out.printf("heap above idle: upload peak %d MiB%n", uploadPeak >> 20);
        assertThat(uploadPeak).as("heap above idle during the upload, bytes").isLessThan(HEAP_ALLOWANCE);

        long downloadPeak;
        try (HeapSampler heap = HeapSampler.start()) {
            HttpURLConnection download = open("/api/resources/large-image/data");
            assertThat(download.getResponseCode()).isEqualTo(200);
            MessageDigest digest = sha256();
            long received;
            try (InputStream in = new DigestInputStream(download.getInputStream(), digest)) {
                received = in.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(received).isEqualTo(FILE_BYTES);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256);
            downloadPeak = heap.peakAboveIdle();
        }
        System.out.printf("heap above idle: download peak %d MiB%n", downloadPeak >> 20);
        assertThat(downloadPeak)
                .as("heap above idle during the download, bytes")
                .isLessThan(HEAP_ALLOWANCE);
    }

    @Test
    void anUploadBrokenOffMidwayLeavesNothingBehind() throws Exception {
        try (LogCapture log = LogCapture.install();
                Socket socket = new Socket(root.getHost(), root.getPort())) {
            sendHalf(socket, "broken-off");
            socket.close();
            awaitBrokenOff(log, "broken-off");
        }
        assertNothingLeftOf("broken-off");
    }

    @Test
    void anUploadThatStallsMidwayIsBrokenOffAfterTheReadTimeout() throws Exception {
        try (LogCapture log = LogCapture.install();
                Socket socket = new Socket(root.getHost(), root.getPort())) {
            sendHalf(socket, "stalled");
            // The client keeps the connection and sends nothing more: the read timeout ends the upload and frees
            // its database connection, rather than the connection idling for its own, much longer, timeout.
            awaitBrokenOff(log, "stalled");
            assertNothingLeftOf("stalled");
        }
    }

    /** Sends the head of an upload declaring 4 MiB and half of it: several chunks, written inside its transaction. */
    private void sendHalf(Socket socket, String id) throws Exception {
        long declared = 4L * 1024 * 1024;
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /api/resources/" + id + "/data HTTP/1.1\r\nHost: " + root.getHost() + "\r\n"
                        + "Authorization: " + TestAdmin.authorization() + "\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        new PatternStream(declared / 2).transferTo(out);
        out.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> chunkWritesInProgress() > 0);
    }

    private void awaitBrokenOff(LogCapture log, String id) {
        await().atMost(Duration.ofSeconds(30 + READ_TIMEOUT_SECONDS))
                .until(() -> log.lines().stream().anyMatch(line -> line.contains("resource " + id + " broke off")));
        await().atMost(Duration.ofSeconds(30)).until(() -> chunkWritesInProgress() == 0);
    }

    private void assertNothingLeftOf(String id) throws SQLException {
        assertThat(count("SELECT count(*) FROM dmflow.stored_resource WHERE id = '" + id + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM dmflow.resource_chunk WHERE resource_id = '" + id + "'"))
                .isZero();
    }

    @Test
    void anUploadOverQuarkusOwnLimitIsA413ProblemNamingIt() throws Exception {
        long declared = (SERVER_LIMIT + 10L) * 1024 * 1024;
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            // Only the head: the answer must come before any of the body it announces.
            socket.getOutputStream()
                    .write(("PUT /api/resources/over-server-limit/data HTTP/1.1\r\nHost: "
                                    + root.getHost() + "\r\nAuthorization: " + TestAdmin.authorization() + "\r\n"
                                    + "Content-Type: application/octet-stream\r\nContent-Length: " + declared
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The server closes the connection after its answer, so the whole answer is what arrives before the end.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"title\":\"File too large\"")
                    .contains("larger than the limit of " + SERVER_LIMIT * 1024L * 1024 + " bytes")
                    .contains("quarkus.http.limits.max-body-size");
        }
        assertThat(count("SELECT count(*) FROM dmflow.stored_resource WHERE id = 'over-server-limit'"))
                .isZero();
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create(root.toString()).resolve(path).toURL().openConnection();
        connection.setRequestProperty("Authorization", TestAdmin.authorization());
        return connection;
    }

    /** Sessions other than this one holding a write lock on the chunk table: an upload inside its transaction. */
    private long chunkWritesInProgress() throws SQLException {
        return count("""
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'resource_chunk' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()""");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    /** {@code size} bytes of a pattern that does not repeat within a chunk, made as they are read. */
    static final class PatternStream extends InputStream {

        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? value(position++) : -1;
        }

        @Override
        public int read(byte[] into, int from, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                into[from + i] = (byte) value(position++);
            }
            return count;
        }

        private static int value(long position) {
            return (int) ((position * 31 + (position >>> 13)) & 0xff);
        }
    }

    /**
     * The used heap after a full collection, sampled while a transfer runs: what the transfer holds, not the garbage
     * it leaves for the collector.
     */
    static final class HeapSampler implements AutoCloseable {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final long idle;
        private final Thread thread;

        private HeapSampler() {
            idle = usedAfterCollection();
            thread = new Thread(this::sample, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            while (running.get()) {
                peak.accumulateAndGet(usedAfterCollection(), Math::max);
                try {
                    // A sampling period, not a wait: nothing signals a new heap peak, so the heap is sampled; a full
                    // collection back to back would take a core from the transfer itself.
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private long usedAfterCollection() {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        }

        /** The highest sample above the idle level, stopping the sampler. */
        long peakAboveIdle() throws InterruptedException {
            running.set(false);
            thread.join();
            peak.accumulateAndGet(usedAfterCollection(), Math::max);
            return peak.get() - idle;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
