package io.dmflow.lwm2m.delivery;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A package already in memory: small packages, and packages built on the fly. */
public record InMemoryPackageSource(String name, byte[] bytes) implements PackageSource {

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
        return "InMemoryPackageSource[" + name + ", " + bytes.length + " bytes]";
    }
}
