package io.dmflow.lwm2m.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.server.registration.Registration;

import io.dmflow.lwm2m.operation.DownlinkFailure;
import io.dmflow.lwm2m.server.DeviceManagementServer;

/**
 * Re-bootstrap: executes the Bootstrap-Request Trigger (/1/x/9, LwM2M 1.1) of a registered device, which then
 * contacts its bootstrap server again and is given whatever its bootstrap configuration says now, e.g. another
 * management server.
 */
public final class BootstrapTrigger {

    private final DeviceManagementServer server;

    public BootstrapTrigger(DeviceManagementServer server) {
        this.server = server;
    }

    /**
     * Completes when the device accepted the trigger; fails with the adapter's usual errors
     * ({@link DownlinkFailure} when the device is not registered or does not answer). A device may
     * deregister to bootstrap before its answer arrives, which cancels the request: with its
     * registration gone, that too counts as accepted.
     */
    public CompletableFuture<Void> trigger(String endpoint) {
        Registration registration = server.leshan().getRegistrationService().getByEndpoint(endpoint);
        int instance = 0;
        if (registration != null) {
            // The Server instance the device announced; Leshan clients usually have one, at 0 after a bootstrap.
            instance = registration.getAvailableInstances().stream()
                    .filter(path -> path.isObjectInstance() && path.getObjectId() == 1)
                    .mapToInt(LwM2mPath::getObjectInstanceId).min().orElse(0);
        }
        String registrationId = registration == null ? null : registration.getId();
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        server.operations().execute(endpoint, "/1/" + instance + "/9", null).whenComplete((done, failure) -> {
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
        if (!(cause instanceof DownlinkFailure downlink) || registrationId == null
                || !(downlink.getCause() instanceof RequestCanceledException)) {
            return false;
        }
        Registration current = server.leshan().getRegistrationService().getByEndpoint(endpoint);
        return current == null || !current.getId().equals(registrationId);
    }
}
