package io.dmflow.lwm2m.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A package kept as a file on disk. */
public record FilePackageSource(Path file) implements PackageSource {

    @Override
    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of package " + file, e);
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
