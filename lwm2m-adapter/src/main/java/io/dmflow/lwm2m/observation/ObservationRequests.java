package io.dmflow.lwm2m.observation;

import io.dmflow.lwm2m.operation.Downlink;
import io.dmflow.lwm2m.operation.ReadResult;
import io.dmflow.lwm2m.value.PlainValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.server.observation.ObservationService;
import org.eclipse.leshan.server.registration.Registration;

/** Observe and Cancel-Observation sent through the {@link Downlink}, kept in {@link ObservationRecords}. */
public final class ObservationRequests implements DeviceObservations {

    private final Downlink downlink;
    private final ObservationService live;
    private final ObservationRecords records;

    public ObservationRequests(Downlink downlink, ObservationService live, ObservationRecords records) {
        this.downlink = downlink;
        this.live = live;
        this.records = records;
    }

    @Override
    public CompletableFuture<ReadResult> observe(String endpoint, String key) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            ObserveRequest request = new ObserveRequest(null, path, null);
            return downlink.send(endpoint, "Observe " + path, request).thenApply(response -> {
                records.observed(endpoint, path.toString());
                return new ReadResult(path.toString(), PlainValues.of(response.getContent()));
            });
        });
    }

    @Override
    public boolean isObserved(String endpoint, String key) {
        // Records hold resolved paths (/3/0/9), so a key given by name is resolved as observe resolves it.
        return records.observedPaths(endpoint)
                .contains(downlink.path(endpoint, key).toString());
    }

    @Override
    public CompletableFuture<Void> cancelObservation(String endpoint, String key, CancelType type) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            records.forgotten(endpoint, path.toString());
            Registration registration = downlink.registration(endpoint).orElse(null);
            if (registration == null) {
                // Nothing live to cancel; the record is gone, so no new registration brings it back.
                return CompletableFuture.completedFuture(null);
            }
            List<SingleObservation> observations = liveObservations(registration, path);
            if (type == CancelType.LAZY || observations.isEmpty()) {
                // Passive: forgotten here, the device's next notification is answered with a reset.
                observations.forEach(live::cancelObservation);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
            for (SingleObservation observation : observations) {
                all = all.thenCompose(ignored -> downlink.send(
                                endpoint, "Cancel-Observation " + path, new CancelObservationRequest(observation))
                        // Leshan keeps an actively cancelled observation in its store otherwise.
                        .whenComplete((response, failure) -> live.cancelObservation(observation))
                        .thenApply(response -> null));
            }
            return all;
        });
    }

    @Override
    public CompletableFuture<Integer> cancelAllObservations(String endpoint) {
        return downlink.attempt(endpoint, () -> {
            records.forgottenAll(endpoint);
            return CompletableFuture.completedFuture(downlink.registration(endpoint)
                    .map(live::cancelObservations)
                    .orElse(0));
        });
    }

    private List<SingleObservation> liveObservations(Registration registration, LwM2mPath path) {
        List<SingleObservation> matching = new ArrayList<>();
        for (Observation observation : live.getObservations(registration)) {
            if (observation instanceof SingleObservation single
                    && single.getPath().equals(path)) {
                matching.add(single);
            }
        }
        return matching;
    }
}
