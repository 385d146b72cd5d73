package io.dmflow.simulator.delivery;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends each Package URI to the downloader for its scheme. */
public final class SchemeRoutingDownloader implements PackageDownloader {

    private final List<PackageDownloader> downloaders;

    public SchemeRoutingDownloader(List<PackageDownloader> downloaders) {
        this.downloaders = List.copyOf(downloaders);
    }

    @Override
    public boolean supports(String scheme) {
        return downloaders.stream().anyMatch(d -> d.supports(scheme));
    }

    @Override
    public CompletableFuture<byte[]> download(URI uri) {
        for (PackageDownloader downloader : downloaders) {
            if (downloader.supports(uri.getScheme())) {
                return downloader.download(uri);
            }
        }
        return CompletableFuture.failedFuture(new DownloadException(
                DownloadFailure.UNSUPPORTED_PROTOCOL, "no downloader for scheme " + uri.getScheme()));
    }
}
