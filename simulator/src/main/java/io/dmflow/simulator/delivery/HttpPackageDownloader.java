package io.dmflow.simulator.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/** Pull over HTTP 1.1 and HTTPS, with one {@link HttpClient} for the whole fleet. */
public final class HttpPackageDownloader implements PackageDownloader {

    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param sslContext trust for HTTPS package servers, {@code null} for the JVM's default trust store
     */
    public HttpPackageDownloader(Executor executor, SSLContext sslContext, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.timeout = timeout;
    }

    @Override
    public boolean supports(String scheme) {
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    @Override
    public CompletableFuture<byte[]> download(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        String what = cause instanceof HttpTimeoutException ? "timed out" : "failed";
                        throw new CompletionException(new DownloadException(
                                DownloadFailure.CONNECTION_LOST,
                                "HTTP download of " + uri + " " + what + ": " + cause.getMessage(),
                                cause));
                    }
                    int status = response.statusCode();
                    if (status == 200) {
                        return response.body();
                    }
                    DownloadFailure failure = status == 404 || status == 410
                            ? DownloadFailure.INVALID_URI
                            : DownloadFailure.CONNECTION_LOST;
                    throw new CompletionException(
                            new DownloadException(failure, "HTTP download of " + uri + " answered " + status));
                });
    }
}
