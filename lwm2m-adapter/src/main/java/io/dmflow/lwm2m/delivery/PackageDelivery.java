package io.dmflow.lwm2m.delivery;

import io.dmflow.lwm2m.operation.DeviceOperations;
import io.dmflow.lwm2m.operation.InvalidOperation;
import io.dmflow.lwm2m.operation.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Gets a package to a device: pushed into a Package resource block-wise, or offered for download and
 * its URI written to a Package URI resource so that the device pulls it.
 */
public final class PackageDelivery {

    private final DeviceOperations operations;
    private final PackageOffers offers;
    private final Function<TransferProtocol, Optional<URI>> publicBases;
    private final Duration offerValidity;
    private final int maxPushBytes;

    /**
     * @param publicBases for a protocol devices may pull with, the base URI they reach dmflow at (e.g.
     *        {@code coap://dm.example.com:5683}, {@code https://dm.example.com}), if there is one
     */
    public PackageDelivery(
            DeviceOperations operations,
            PackageOffers offers,
            Function<TransferProtocol, Optional<URI>> publicBases,
            Duration offerValidity,
            int maxPushBytes) {
        this.operations = operations;
        this.offers = offers;
        this.publicBases = publicBases;
        this.offerValidity = offerValidity;
        this.maxPushBytes = maxPushBytes;
    }

    /** Writes the whole package to {@code packageKey} (e.g. {@code /5/0/0}) with CoAP block-wise transfer. */
    public CompletableFuture<Void> push(String endpoint, String packageKey, PackageSource source) {
        if (source.size() > maxPushBytes) {
            return CompletableFuture.failedFuture(new InvalidOperation(
                    endpoint,
                    "Package " + source.name() + " has " + source.size() + " bytes, more than the " + maxPushBytes
                            + " a push may carry",
                    null));
        }
        byte[] bytes;
        try (InputStream in = source.open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new InvalidOperation(
                    endpoint, "Package " + source.name() + " cannot be read: " + e.getMessage(), e));
        }
        return operations.writeBlockwise(endpoint, packageKey, bytes);
    }

    /**
     * Offers the package and writes its download URI to {@code uriKey} (e.g. {@code /5/0/1}); answers the URI.
     * {@code baseOverride} replaces the configured public base for this delivery.
     */
    public CompletableFuture<URI> pull(
            String endpoint,
            String uriKey,
            PackageSource source,
            TransferProtocol protocol,
            Optional<URI> baseOverride) {
        Optional<URI> base = baseOverride.or(() -> publicBases.apply(protocol));
        if (base.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidOperation(
                    endpoint, "No public base URL is configured for " + protocol + " downloads", null));
        }
        PackageOffer offer = offers.offer(source, offerValidity);
        URI uri = downloadUri(base.get(), protocol, offer.token());
        return operations
                .write(endpoint, uriKey, uri.toString(), WriteMode.REPLACE)
                .thenApply(written -> uri)
                .whenComplete((written, failure) -> {
                    if (failure != null) {
                        offers.withdraw(offer.token());
                    }
                });
    }

    static URI downloadUri(URI base, TransferProtocol protocol, String token) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        String path = switch (protocol) {
            case COAP, COAPS -> CoapPackageResource.PATH + "/" + token;
            case HTTP, HTTPS -> "packages/" + token;
        };
        return URI.create(root + path);
    }
}
