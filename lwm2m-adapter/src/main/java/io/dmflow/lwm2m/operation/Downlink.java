package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.key.KeyResolver;
import io.dmflow.lwm2m.key.UnknownKeyException;
import io.dmflow.lwm2m.operation.DownlinkFailure.Reason;
import io.dmflow.lwm2m.pacing.DevicePacing;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.DownlinkDeviceManagementRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way every request reaches a device: paced by {@link DevicePacing}, sent to its current registration, and
 * whatever goes wrong translated into an {@link OperationFailure}. For the adapter's own parts; flows' steps use
 * {@link DeviceClient}.
 */
public final class Downlink {

    private static final Logger LOG = LoggerFactory.getLogger(Downlink.class);

    private final LeshanServer leshan;
    private final KeyResolver keys;
    private final DevicePacing pacing;
    private final OperationTimeouts timeouts;
    private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();

    public Downlink(LeshanServer leshan, LwM2mModel model, DevicePacing pacing, OperationTimeouts timeouts) {
        this.leshan = leshan;
        this.keys = new KeyResolver(model);
        this.pacing = pacing;
        this.timeouts = timeouts;
    }

    public void addListener(RequestListener listener) {
        listeners.add(listener);
    }

    public OperationTimeouts timeouts() {
        return timeouts;
    }

    /** The LwM2M path a key names; an {@link InvalidOperation} if it names nothing known. */
    public LwM2mPath path(String endpoint, String key) {
        try {
            return keys.resolve(key);
        } catch (UnknownKeyException e) {
            throw new InvalidOperation(endpoint, e.getMessage(), e);
        }
    }

    public Optional<Registration> registration(String endpoint) {
        return Optional.ofNullable(leshan.getRegistrationService().getByEndpoint(endpoint));
    }

    /**
     * Sends {@code request} once the device's pace allows; fails with a {@link DownlinkFailure} when it is not
     * registered, and with a {@link DeviceErrorResponse} when it answers with an error code.
     *
     * @param operation how failure messages name the request, e.g. {@code Read /3/0/0}
     */
    public <T extends LwM2mResponse> CompletableFuture<T> send(
            String endpoint, String operation, DownlinkDeviceManagementRequest<T> request, Duration timeout) {
        return pacing.submit(
                endpoint,
                () -> reported(endpoint, operationName(request), () -> sendNow(endpoint, operation, request, timeout)));
    }

    private <T extends LwM2mResponse> CompletableFuture<T> sendNow(
            String endpoint, String operation, DownlinkDeviceManagementRequest<T> request, Duration timeout) {
        Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
        if (registration == null) {
            return CompletableFuture.failedFuture(
                    new DownlinkFailure(endpoint, Reason.NOT_REGISTERED, "is not registered", null));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            leshan.send(
                    registration,
                    request,
                    timeout.toMillis(),
                    answer::complete,
                    error -> answer.completeExceptionally(FailureTranslation.translate(endpoint, operation, error)));
        } catch (RuntimeException e) {
            answer.completeExceptionally(FailureTranslation.translate(endpoint, operation, e));
        }
        return answer.thenApply(response -> {
            if (response.isFailure()) {
                throw FailureTranslation.refusal(endpoint, operation, response);
            }
            return response;
        });
    }

    /** Runs {@code sending} and tells the listeners how it ended and how long it took. */
    private <T> CompletableFuture<T> reported(
            String endpoint, String operation, Supplier<CompletableFuture<T>> sending) {
        if (listeners.isEmpty()) {
            return sending.get();
        }
        long start = System.nanoTime();
        CompletableFuture<T> sent;
        try {
            sent = sending.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(FailureTranslation.translate(endpoint, operation, e));
        }
        sent.whenComplete((response, failure) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RequestOutcome outcome = RequestOutcome.of(failure);
            for (RequestListener listener : listeners) {
                try {
                    listener.ended(endpoint, operation, outcome, took);
                } catch (RuntimeException e) {
                    // A listener's fault must not turn into the request's: the caller already has its answer.
                    LOG.warn("A request listener failed on {} {} of {}", outcome.wireName(), operation, endpoint, e);
                }
            }
        });
        return sent;
    }

    /** {@code ReadRequest} -> {@code read}, {@code WriteAttributesRequest} -> {@code write-attributes}. */
    static String operationName(Object request) {
        String type = request.getClass().getSimpleName().replaceFirst("Request$", "");
        return type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** {@link #send} with the timeout of ordinary requests. */
    public <T extends LwM2mResponse> CompletableFuture<T> send(
            String endpoint, String operation, DownlinkDeviceManagementRequest<T> request) {
        return send(endpoint, operation, request, timeouts.request());
    }

    /** Runs a step that may throw before anything is sent, turning every throw into a failed future. */
    public <T> CompletableFuture<T> attempt(String endpoint, Supplier<CompletableFuture<T>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(FailureTranslation.translate(endpoint, "the operation", e));
        }
    }
}
