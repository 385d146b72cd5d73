package io.dmflow.workers.device;

/** Input variable names shared by the device jobs. */
final class DeviceInputs {

    static final String ENDPOINT = "endpoint";
    static final String KEY = "key";

    private DeviceInputs() {}
}
