package io.dmflow.simulator.object.firmware;

import java.time.Duration;

/**
 * Failures a test can inject into one device's firmware update. Each stays in force until cleared, so that a flow's
 * retry meets the same fault; clear it to let the retry succeed.
 */
public final class FirmwareFaults {

    private volatile boolean corruptPackage;
    private volatile boolean failDownload;
    private volatile boolean failUpdate;
    private volatile Duration downloadDuration = Duration.ZERO;
    private volatile Duration updateDuration = Duration.ofMillis(200);

    /** Every received package fails its integrity check (Update Result 5), whatever its bytes. */
    public FirmwareFaults corruptPackage(boolean on) {
        this.corruptPackage = on;
        return this;
    }

    /** Every download, push or pull, is lost mid-way (Update Result 4). */
    public FirmwareFaults failDownload(boolean on) {
        this.failDownload = on;
        return this;
    }

    /** Executing Update fails after {@link #updateDuration()} (Update Result 8, back to Downloaded). */
    public FirmwareFaults failUpdate(boolean on) {
        this.failUpdate = on;
        return this;
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
        failDownload = false;
        failUpdate = false;
        return this;
    }

    boolean corruptPackage() {
        return corruptPackage;
    }

    boolean failDownload() {
        return failDownload;
    }

    boolean failUpdate() {
        return failUpdate;
    }

    Duration downloadDuration() {
        return downloadDuration;
    }

    public Duration updateDuration() {
        return updateDuration;
    }
}
