package io.dmflow.workers.firmware;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.delivery.PackageDelivery;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.delivery.TransferProtocol;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.FirmwarePackages;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.firmware.deliver}: gets the package stored as {@code resourceId} to {@code target}, the device's
 * Firmware Update object {@code /5/0} (the default) or a Software Management instance {@code /9/x}.
 * {@code transferMethod} Push writes it to Package ({@code /5/0/0}, {@code /9/x/2}) block-wise; Pull offers it for
 * download under a fresh token and writes its URI to Package URI ({@code /5/0/1}, {@code /9/x/3}), on
 * {@code protocol} (coap, coaps, http, https) from {@code baseUrl} or the configured public base.
 * <p>
 * Delivered at least once, sent at most once: the job first reads the state ({@code /5/0/3}, {@code /9/x/7}), and a
 * device already receiving or holding a package has this one (the first attempt's answer was lost, or the worker died
 * after the transfer), so it is not sent again. The flow puts the machine in its initial state before its first
 * delivery.
 */
public final class FirmwareDeliverJob implements DmflowJob {

    /** Output: how the package went ({@code push}, {@code pull}, or {@code already} when the device had it). */
    public static final String DELIVERED = "delivered";
    /** Output of a pull: the URI the device downloads from. */
    public static final String PACKAGE_URI_OUTPUT = "packageUri";

    private final DeviceClient operations;
    private final PackageDelivery delivery;
    private final FirmwarePackages packages;

    public FirmwareDeliverJob(DeviceClient operations, PackageDelivery delivery, FirmwarePackages packages) {
        this.operations = operations;
        this.delivery = delivery;
        this.packages = packages;
    }

    @Override
    public String type() {
        return JobType.LWM2M_FIRMWARE_DELIVER;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint", "resourceId", "transferMethod", "protocol", "baseUrl", "target");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text("endpoint");
        String resourceId = inputs.text("resourceId");
        PackageTarget target = target(inputs);
        boolean push = push(inputs);
        Optional<TransferProtocol> protocol = push ? Optional.empty() : Optional.of(protocol(inputs));
        Optional<URI> base =
                inputs.optionalString("baseUrl").filter(text -> !text.isBlank()).map(text -> uri(inputs, text));
        PackageSource source = packages.find(resourceId)
                .orElseThrow(
                        () -> new InvalidJobInput(type(), "resourceId", "names no stored resource: " + resourceId));
        return operations.read(endpoint, target.stateKey()).thenCompose(state -> {
            if (state.value() instanceof Number number && target.received().contains(number.longValue())) {
                return CompletableFuture.completedFuture(Map.<String, Object>of(DELIVERED, "already"));
            }
            if (push) {
                return delivery.push(endpoint, target.packageKey(), source)
                        .thenApply(done -> Map.<String, Object>of(DELIVERED, "push"));
            }
            return delivery.pull(endpoint, target.packageUriKey(), source, protocol.get(), base)
                    .thenApply(uri -> Map.<String, Object>of(DELIVERED, "pull", PACKAGE_URI_OUTPUT, uri.toString()));
        });
    }

    private PackageTarget target(JobInputs inputs) {
        String path =
                inputs.optionalString("target").filter(text -> !text.isBlank()).orElse(PackageTarget.FIRMWARE);
        try {
            return PackageTarget.of(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(type(), "target", e.getMessage());
        }
    }

    private boolean push(JobInputs inputs) {
        String method =
                inputs.optionalString("transferMethod").orElse("Push").trim().toLowerCase(Locale.ROOT);
        return switch (method) {
            case "push" -> true;
            case "pull" -> false;
            default -> throw new InvalidJobInput(type(), "transferMethod", "must be Push or Pull, not " + method);
        };
    }

    private TransferProtocol protocol(JobInputs inputs) {
        String name = inputs.optionalString("protocol")
                .filter(text -> !text.isBlank())
                .orElse("coap");
        try {
            return TransferProtocol.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(type(), "protocol", e.getMessage());
        }
    }

    private URI uri(JobInputs inputs, String text) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(type(), "baseUrl", "is not a base URL (protocol, host and port): " + text);
        }
    }
}
