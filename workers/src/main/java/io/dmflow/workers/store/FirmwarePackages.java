package io.dmflow.workers.store;

import io.dmflow.lwm2m.delivery.PackageSource;
import java.util.Optional;

/** The stored files a package delivery sends: firmware images and software packages, read as streams. */
public interface FirmwarePackages {

    /** The package stored as resource {@code resourceId}; empty if there is no such resource. */
    Optional<PackageSource> find(String resourceId);
}
