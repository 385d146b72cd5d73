package io.dmflow.api.firmware;

import io.dmflow.api.resource.ResourceChunks;
import io.dmflow.api.resource.StoredResource;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.workers.store.FirmwarePackages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Firmware images and software packages are stored resources; a delivery reads them window by window. */
@ApplicationScoped
public class StoredPackages implements FirmwarePackages {

    /** How much of a package is in memory at a time while a delivery reads it. */
    static final int WINDOW_BYTES = 256 * 1024;

    @Inject
    ResourceChunks chunks;

    // Workers call from their own threads, where no request context is active for the entity lookup.
    @Override
    @ActivateRequestContext
    public Optional<PackageSource> find(String resourceId) {
        StoredResource resource = StoredResource.findById(resourceId);
        return resource == null
                ? Optional.empty()
                : Optional.of(new StoredPackage(chunks, resource.id, resource.sizeBytes));
    }

    /** A stored resource as a package source: its stream reads the chunks in windows, never the whole file at once. */
    record StoredPackage(ResourceChunks chunks, String name, long size) implements PackageSource {

        @Override
        public InputStream open() {
            return new WindowedStream(chunks, name, size);
        }
    }

    private static final class WindowedStream extends InputStream {

        private final ResourceChunks chunks;
        private final String id;
        private final long size;
        private long position;
        private byte[] window = new byte[0];
        private int offset;

        WindowedStream(ResourceChunks chunks, String id, long size) {
            this.chunks = chunks;
            this.id = id;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Moves past whole windows without reading them, so a resumed download starts at its chunk. */
        @Override
        public long skip(long n) {
            if (n <= 0) {
                return 0;
            }
            long buffered = window.length - offset;
            if (n <= buffered) {
                offset += (int) n;
                return n;
            }
            long skipped = Math.min(n, buffered + size - position);
            position += skipped - buffered;
            window = new byte[0];
            offset = 0;
            return skipped;
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            if (offset == window.length) {
                if (position >= size) {
                    return -1;
                }
                ByteArrayOutputStream next = new ByteArrayOutputStream(WINDOW_BYTES);
                chunks.copy(id, next, position, Math.min(WINDOW_BYTES, size - position));
                window = next.toByteArray();
                offset = 0;
                position += window.length;
                if (window.length == 0) {
                    throw new IOException("Resource " + id + " ended at byte " + position + " of " + size);
                }
            }
            int count = Math.min(length, window.length - offset);
            System.arraycopy(window, offset, into, from, count);
            offset += count;
            return count;
        }
    }
}
