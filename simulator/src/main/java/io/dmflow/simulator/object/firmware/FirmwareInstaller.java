package io.dmflow.simulator.object.firmware;

/** What the rest of the device does when a firmware image is applied. */
public interface FirmwareInstaller {

    /**
     * Reboots into firmware {@code version}. {@code atBoot} runs while the device is down, before it registers again,
     * so the server's first read after the new registration already sees the final state.
     */
    void installAndReboot(String version, Runnable atBoot);
}
