package io.dmflow.simulator.object.firmware;

import java.time.Duration;

/**
 * Failures a test can inject into one device's firmware update. Each stays in force until cleared, so that a flow's
 * retry meets the same fault; clear it to let the retry succeed.
 */
public final class FirmwareFaults {

    private volatile boolean corruptPackage;
    private volatile UpdateResult downloadFailure; // null: downloads succeed
    private volatile UpdateResult updateFailure; // null: updates succeed
    private volatile Duration downloadDuration = Duration.ZERO;
    private volatile Duration updateDuration = Duration.ofMillis(200);

    /** Every received package fails its integrity check (Update Result 5), whatever its bytes. */
    public FirmwareFaults corruptPackage(boolean on) {
        this.corruptPackage = on;
        return this;
    }

    /** Every download, push or pull, is lost mid-way (Update Result 4). */
    public FirmwareFaults failDownload(boolean on) {
        this.downloadFailure = on ? UpdateResult.CONNECTION_LOST : null;
        return this;
    }

    /**
     * Every download, push or pull, fails once its bytes arrived with {@code reason} as Update Result and the machine
     * back in Idle, as a device does that finds no room (2), runs out of RAM (3), cannot read the package type (6)...
     */
    public FirmwareFaults failDownloadWith(UpdateResult reason) {
        this.downloadFailure = requireFailure(reason);
        return this;
    }

    /** Executing Update fails after {@link #updateDuration()} (Update Result 8, back to Downloaded). */
    public FirmwareFaults failUpdate(boolean on) {
        this.updateFailure = on ? UpdateResult.UPDATE_FAILED : null;
        return this;
    }

    /** Executing Update fails after {@link #updateDuration()} with {@code reason}, back to Downloaded. */
    public FirmwareFaults failUpdateWith(UpdateResult reason) {
        this.updateFailure = requireFailure(reason);
        return this;
    }

    private static UpdateResult requireFailure(UpdateResult reason) {
        if (reason == UpdateResult.INITIAL || reason == UpdateResult.SUCCESS) {
            throw new IllegalArgumentException(reason + " is not a failure");
        }
        return reason;
    }

    /** Time spent in Downloading after the bytes arrived (verification, flash writes), so observers can see it. */
    public FirmwareFaults downloadDuration(Duration duration) {
        this.downloadDuration = duration;
        return this;
    }

    /** Time spent in Updating before the device reboots into the new firmware. */
    public FirmwareFaults updateDuration(Duration duration) {
        this.updateDuration = duration;
        return this;
    }

    public FirmwareFaults clear() {
        corruptPackage = false;
        downloadFailure = null;
        updateFailure = null;
        return this;
    }

    boolean corruptPackage() {
        return corruptPackage;
    }

    /** The Update Result a download ends with, or null when it succeeds. */
    UpdateResult downloadFailure() {
        return downloadFailure;
    }

    /** The Update Result an update ends with, or null when it succeeds. */
    UpdateResult updateFailure() {
        return updateFailure;
    }

    Duration downloadDuration() {
        return downloadDuration;
    }

    public Duration updateDuration() {
        return updateDuration;
    }
}
