package io.dmflow.simulator.delivery;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches a package from a Package URI. Completes exceptionally with a {@link DownloadException} on failure.
 */
public interface PackageDownloader {

    /** The URI schemes this downloader can fetch (e.g. {@code coap}, {@code http}). */
    boolean supports(String scheme);

    CompletableFuture<byte[]> download(URI uri);
}
