package io.dmflow.lwm2m.operation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Re-bootstrap: executes the Bootstrap-Request Trigger (/1/x/9, LwM2M 1.1) of a registered device, which then
 * contacts its bootstrap server again and is given whatever its bootstrap configuration says now, e.g. another
 * management server.
 */
public final class BootstrapTrigger {

    private final Downlink downlink;
    private final DeviceClient devices;

    public BootstrapTrigger(Downlink downlink, DeviceClient devices) {
        this.downlink = downlink;
        this.devices = devices;
    }

    /**
     * Completes when the device accepted the trigger; fails with the adapter's usual errors
     * ({@link DownlinkFailure} when the device is not registered or does not answer). A device may
     * deregister to bootstrap before its answer arrives, which cancels the request: with its
     * registration gone, that too counts as accepted.
     */
    public CompletableFuture<Void> trigger(String endpoint) {
        Optional<Registration> registration = downlink.registration(endpoint);
        // The Server instance the device announced; Leshan clients usually have one, at 0 after a bootstrap.
        int instance = registration
                .map(found -> found.getAvailableInstances().stream()
                        .filter(path -> path.isObjectInstance() && path.getObjectId() == 1)
                        .mapToInt(LwM2mPath::getObjectInstanceId)
                        .min()
                        .orElse(0))
                .orElse(0);
        String registrationId = registration.map(Registration::getId).orElse(null);
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        devices.execute(endpoint, "/1/" + instance + "/9", null).whenComplete((done, failure) -> {
            if (failure == null || leftToBootstrap(endpoint, registrationId, failure)) {
                accepted.complete(null);
            } else {
                accepted.completeExceptionally(failure);
            }
        });
        return accepted;
    }

    private boolean leftToBootstrap(String endpoint, String registrationId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (!(cause instanceof DownlinkFailure downlinkFailure)
                || registrationId == null
                || !(downlinkFailure.getCause() instanceof RequestCanceledException)) {
            return false;
        }
        return downlink.registration(endpoint)
                .map(current -> !current.getId().equals(registrationId))
                .orElse(true);
    }
}
