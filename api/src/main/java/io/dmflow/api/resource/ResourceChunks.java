package io.dmflow.api.resource;

import io.dmflow.api.database.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The bytes of stored resources, as rows of fixed-size chunks. Plain JDBC rather than Panache: a file
 * streams in and out chunk by chunk (a server-side cursor on the way out), which an entity per chunk
 * would defeat. A file is written in one transaction, so a broken upload leaves the previous version.
 */
@ApplicationScoped
public class ResourceChunks {

    static final int CHUNK_BYTES = 256 * 1024;

    @Inject
    Sql sql;

    /** What was stored. */
    public record Written(long size, String sha256, boolean created) {}

    /** The upload went over the limit; nothing was stored. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long limit) {
            super("the file is larger than the limit of " + limit + " bytes");
        }
    }

    /**
     * The uploading client's stream failed before its end (the client went away, or the connection broke); the
     * transaction is rolled back, so neither the resource nor any of its chunks stay.
     */
    public static final class BrokenOff extends IOException {
        public BrokenOff(String id, long received, IOException cause) {
            super(
                    "the upload of resource " + id + " broke off after " + received + " bytes: " + cause.getMessage(),
                    cause);
        }
    }

    /** Stores {@code data} as resource {@code id}, replacing any previous content; refuses more than {@code limit} bytes. */
    public Written write(String id, InputStream data, String contentType, long limit) throws IOException {
        try {
            return sql.transaction(connection -> write(connection, id, data, contentType, limit));
        } catch (Sql.Failure e) {
            throw new IllegalStateException("Could not store resource " + id + ": " + e.getMessage(), e);
        }
    }

    /** Writes inside the caller's transaction (used by edits, which record their job in the same one). */
    Written write(Connection connection, String id, InputStream data, String contentType, long limit)
            throws IOException, SQLException {
        Instant now = Instant.now();
        boolean created = Sql.first(
                        connection,
                        """
                        INSERT INTO dmflow.stored_resource (id, size_bytes, sha256, content_type, created_at, updated_at)
                        VALUES (?, 0, '', ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET updated_at = EXCLUDED.updated_at,
                            content_type = COALESCE(EXCLUDED.content_type, stored_resource.content_type)
                        RETURNING (xmax = 0)""",
                        row -> row.getBoolean(1),
                        id,
                        contentType,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .orElseThrow();
        Sql.update(connection, "DELETE FROM dmflow.resource_chunk WHERE resource_id = ?", id);
        MessageDigest digest = sha256();
        long size = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dmflow.resource_chunk (resource_id, seq, data) VALUES (?, ?, ?)")) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int seq = 0;
            int filled;
            while ((filled = fill(data, buffer, id, size)) > 0) {
                size += filled;
                if (size > limit) {
                    throw new TooLarge(limit);
                }
                digest.update(buffer, 0, filled);
                insert.setString(1, id);
                insert.setInt(2, seq++);
                insert.setBytes(3, filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled));
                insert.executeUpdate();
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        Sql.update(
                connection, "UPDATE dmflow.stored_resource SET size_bytes = ?, sha256 = ? WHERE id = ?", size, sha, id);
        return new Written(size, sha, created);
    }

    private static int fill(InputStream data, byte[] buffer, String id, long received) throws BrokenOff {
        try {
            return data.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new BrokenOff(id, received, e);
        }
    }

    /** Streams the resource's bytes to {@code out}, from byte {@code from} for {@code length} bytes. */
    public void copy(String id, OutputStream out, long from, long length) throws IOException {
        int firstChunk = (int) (from / CHUNK_BYTES);
        try {
            // A transaction, as a server-side cursor needs one: one chunk in memory at a time.
            sql.transaction(connection -> {
                try (PreparedStatement select = Sql.prepare(
                        connection,
                        "SELECT seq, data FROM dmflow.resource_chunk WHERE resource_id = ? AND seq >= ? ORDER BY seq",
                        id,
                        firstChunk)) {
                    select.setFetchSize(1);
                    long remaining = length;
                    long skip = from - (long) firstChunk * CHUNK_BYTES;
                    try (ResultSet rows = select.executeQuery()) {
                        while (remaining > 0 && rows.next()) {
                            byte[] chunk = rows.getBytes(2);
                            int offset = (int) Math.min(skip, chunk.length);
                            skip -= offset;
                            int count = (int) Math.min(remaining, chunk.length - offset);
                            out.write(chunk, offset, count);
                            remaining -= count;
                        }
                    }
                }
                return null;
            });
        } catch (Sql.Failure e) {
            throw new IOException("Could not read resource " + id + ": " + e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
