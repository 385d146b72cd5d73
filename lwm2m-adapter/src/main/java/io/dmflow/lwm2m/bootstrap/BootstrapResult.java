package io.dmflow.lwm2m.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a bootstrap session ended.
 *
 * @param lwm2mVersion the version the device announced in Bootstrap-Discover, if it answered one
 * @param previousShortServerIds the servers the device had before (Bootstrap-Read of Object 1, LwM2M 1.1 devices)
 * @param servers the named servers written to the device
 * @param failure why the session failed; empty when Bootstrap-Finish was accepted
 */
public record BootstrapResult(
        String endpoint,
        Optional<String> lwm2mVersion,
        List<Integer> previousShortServerIds,
        List<String> servers,
        Duration took,
        Optional<String> failure) {

    public boolean finished() {
        return failure.isEmpty();
    }
}
