package io.dmflow.lwm2m.delivery;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of a firmware image or software package, wherever they are stored; read as a stream. */
public interface PackageSource {

    /** A name for logs and messages, e.g. the stored resource's name. */
    String name();

    /** Size in bytes. */
    long size();

    /** A new stream over the whole package; the caller closes it. */
    InputStream open() throws IOException;
}
