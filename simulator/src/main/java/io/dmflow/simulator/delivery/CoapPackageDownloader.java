package io.dmflow.simulator.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;

/**
 * Pull over plain CoAP: a GET that Californium's block-wise layer turns into a Block2 transfer.
 * <p>
 * All devices share one download endpoint. A real device would use its own socket; for the server it makes no
 * difference, since a package server answers anyone who knows the (token-bearing) URI.
 */
public final class CoapPackageDownloader implements PackageDownloader {

    private final Endpoint endpoint;
    private final Duration timeout;

    /** @param endpoint a started endpoint whose configuration allows bodies as large as the packages */
    public CoapPackageDownloader(Endpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public boolean supports(String scheme) {
        return "coap".equalsIgnoreCase(scheme);
    }

    @Override
    public CompletableFuture<byte[]> download(URI uri) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Request request = Request.newGet();
        try {
            request.setURI(uri);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new DownloadException(
                    DownloadFailure.INVALID_URI, "cannot download from " + uri + ": " + e.getMessage(), e));
            return result;
        }
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                ResponseCode code = response.getCode();
                if (code == ResponseCode.CONTENT) {
                    result.complete(response.getPayload());
                } else {
                    DownloadFailure failure = code == ResponseCode.NOT_FOUND
                            ? DownloadFailure.INVALID_URI
                            : DownloadFailure.CONNECTION_LOST;
                    result.completeExceptionally(
                            new DownloadException(failure, "CoAP download of " + uri + " answered " + code));
                }
            }

            @Override
            protected void failed() {
                result.completeExceptionally(
                        new DownloadException(DownloadFailure.CONNECTION_LOST, "CoAP download of " + uri + " failed"));
            }
        });
        endpoint.sendRequest(request);
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            if (error instanceof TimeoutException) {
                request.cancel();
                return CompletableFuture.failedFuture(new DownloadException(
                        DownloadFailure.CONNECTION_LOST, "CoAP download of " + uri + " timed out after " + timeout));
            }
            return CompletableFuture.failedFuture(error);
        });
    }
}
