package io.dmflow.simulator.object.device;

/** The part of a simulated device that can take it down and bring it back. */
public interface PowerCycle {

    /** Reboots the device: it deregisters, stays down for its reboot delay, then registers again. */
    void reboot();

    /** Restores factory settings, then reboots. */
    void factoryReset();
}
