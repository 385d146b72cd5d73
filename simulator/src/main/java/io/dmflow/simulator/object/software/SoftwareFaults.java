package io.dmflow.simulator.object.software;

import java.time.Duration;

/** Failures a test can inject into one software package instance; each stays in force until cleared. */
public final class SoftwareFaults {

    private volatile boolean corruptPackage;
    private volatile boolean failDownload;
    private volatile boolean failInstall;
    private volatile boolean failUninstall;
    private volatile Duration installDuration = Duration.ofMillis(100);

    /** Delivered packages fail verification (Update Result 53). */
    public SoftwareFaults corruptPackage(boolean on) {
        this.corruptPackage = on;
        return this;
    }

    /** Downloads are lost (Update Result 52). */
    public SoftwareFaults failDownload(boolean on) {
        this.failDownload = on;
        return this;
    }

    /** Install fails and leaves the package Delivered (Update Result 58). */
    public SoftwareFaults failInstall(boolean on) {
        this.failInstall = on;
        return this;
    }

    /** Uninstall fails and leaves the state unchanged (Update Result 59). */
    public SoftwareFaults failUninstall(boolean on) {
        this.failUninstall = on;
        return this;
    }

    /** Time between the Install execute and the Installed state. */
    public SoftwareFaults installDuration(Duration duration) {
        this.installDuration = duration;
        return this;
    }

    public SoftwareFaults clear() {
        corruptPackage = false;
        failDownload = false;
        failInstall = false;
        failUninstall = false;
        return this;
    }

    boolean corruptPackage() {
        return corruptPackage;
    }

    boolean failDownload() {
        return failDownload;
    }

    boolean failInstall() {
        return failInstall;
    }

    boolean failUninstall() {
        return failUninstall;
    }

    Duration installDuration() {
        return installDuration;
    }
}
