package io.dmflow.workers.firmware;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

/**
 * {@code lwm2m.firmware.deliver}: gets the firmware image stored as {@code resourceId} to the device's Firmware Update
 * object. {@code transferMethod} Push writes it to Package {@code /5/0/0} block-wise; Pull offers it for download
 * under a fresh token and writes its URI to Package URI {@code /5/0/1}, on {@code protocol} (coap, coaps, http,
 * https) from {@code baseUrl} or the configured public base.
 * <p>
 * Delivered at least once, sent at most once: the job first reads State {@code /5/0/3}, and a device already
 * Downloading or Downloaded has the package (the first attempt's answer was lost, or the worker died after the
 * transfer), so it is not sent again. The flow puts the machine in Idle before its first delivery.
 */
public final class FirmwareDeliverJob implements DmflowJob {

    static final String STATE = "/5/0/3";
    static final String PACKAGE = "/5/0/0";
    static final String PACKAGE_URI = "/5/0/1";
    static final long DOWNLOADING = 1;
    static final long DOWNLOADED = 2;

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
        return List.of("endpoint", "resourceId", "transferMethod", "protocol", "baseUrl");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text("endpoint");
        String resourceId = inputs.text("resourceId");
        boolean push = push(inputs);
        Optional<TransferProtocol> protocol = push ? Optional.empty() : Optional.of(protocol(inputs));
        Optional<URI> base = inputs.optionalString("baseUrl").filter(text -> !text.isBlank()).map(text -> uri(inputs,
                text));
        PackageSource source = packages.find(resourceId).orElseThrow(() -> new InvalidJobInput(type(), "resourceId",
                "names no stored resource: " + resourceId));
        return operations.read(endpoint, STATE).thenCompose(state -> {
            if (state.value() instanceof Number number
                    && (number.longValue() == DOWNLOADING || number.longValue() == DOWNLOADED)) {
                return CompletableFuture.completedFuture(Map.<String, Object>of(DELIVERED, "already"));
            }
            if (push) {
                return delivery.push(endpoint, PACKAGE, source).thenApply(done -> Map.<String, Object>of(DELIVERED,
                        "push"));
            }
            return delivery.pull(endpoint, PACKAGE_URI, source, protocol.get(), base)
                    .thenApply(uri -> Map.<String, Object>of(DELIVERED, "pull", PACKAGE_URI_OUTPUT, uri.toString()));
        });
    }

    private boolean push(JobInputs inputs) {
        String method = inputs.optionalString("transferMethod").orElse("Push").trim().toLowerCase(Locale.ROOT);
        return switch (method) {
            case "push" -> true;
            case "pull" -> false;
            default -> throw new InvalidJobInput(type(), "transferMethod", "must be Push or Pull, not " + method);
        };
    }

    private TransferProtocol protocol(JobInputs inputs) {
        String name = inputs.optionalString("protocol").filter(text -> !text.isBlank()).orElse("coap");
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
