package io.dmflow.api.database;

import io.dmflow.api.startup.CannotStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One process's claim on an embedded PostgreSQL data folder, held for as long as that process uses it. It is an
 * operating-system lock, so it ends with the process however the process ends (even {@code kill -9}): a PostgreSQL
 * found running on a folder nobody holds was left by a process that is gone, and only then may it be taken over.
 * <p>
 * The lock file sits beside the folder ({@code postgres.lock} for {@code postgres}), not in it, because PostgreSQL
 * creates a new data folder only if it is empty. It says which process holds it, for the refusal of the next.
 */
final class DataFolderLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    private static Path fileOf(Path dataDirectory) {
        Path folder = dataDirectory.toAbsolutePath().normalize();
        if (folder.getFileName() == null) {
            throw new CannotStart("the data folder of the embedded PostgreSQL cannot be " + folder
                    + "; set dmflow.database.embedded.data-dir to a folder of its own");
        }
        return folder.resolveSibling(folder.getFileName() + ".lock");
    }

    /**
     * Claims {@code dataDirectory} for this process, or refuses at once if another process holds it.
     *
     * @throws CannotStart naming the folder and the process that holds it
     */
    static DataFolderLock claim(Path dataDirectory) {
        Path file = fileOf(dataDirectory);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new CannotStart("the data folder "
                        + dataDirectory.toAbsolutePath().normalize()
                        + " is in use by another dmflow (" + holder + "); stop that one first, or give this one "
                        + "a folder of its own with dmflow.database.embedded.data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(description().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataFolderLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("Could not lock " + file, e);
        }
    }

    Path file() {
        return file;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very process (the lock is per process, not per channel).
            return null;
        }
    }

    /** What the holder wrote: its pid and when it started. */
    private static String description() {
        ProcessHandle self = ProcessHandle.current();
        return "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now()) + "\n";
    }

    private static String holder(Path file) {
        try {
            String written = Files.readString(file, StandardCharsets.UTF_8).strip();
            return written.isEmpty() ? "a process that has not said which" : written;
        } catch (IOException e) {
            return "its lock file " + file + " cannot be read: " + e.getMessage();
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Ends the claim. The file stays: removing it could let two processes lock two different files. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not release " + file, e);
        }
    }
}
