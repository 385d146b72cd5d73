package io.dmflow.api.process;

import io.dmflow.api.testing.TestAdmin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged dmflow application run as a user runs it, {@code java -jar}, in its own process, on
 * loopback and free ports.
 */
public final class DmflowProcess implements AutoCloseable {

    /** The key that seals device secrets, as the test profile sets it (application.properties). */
    static final String SECRETS_KEY = "fxFiSKUURF7CMGq2VoYIiNKlRCs+VWkjyurlXIPiuog=";

    static final String SECRETS_KEY_FILE = "dmflow.secrets.key-file";

    private static final Pattern HTTP_LISTENING = Pattern.compile("Listening on: (http://\\S+)");
    private static final Pattern COAP_LISTENING = Pattern.compile("LwM2M server listening on (coap://\\S+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<URI> httpUri = new CompletableFuture<>();
    private final CompletableFuture<URI> coapUri = new CompletableFuture<>();

    private DmflowProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "dmflow-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static DmflowProcess start(Map<String, String> systemProperties, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=0");
        command.add("-Ddmflow.lwm2m.coap.host=127.0.0.1");
        command.add("-Ddmflow.lwm2m.coap.port=0");
        command.add("-Ddmflow.lwm2m.coaps.host=127.0.0.1");
        command.add("-Ddmflow.lwm2m.coaps.port=0");
        command.add("-Ddmflow.bootstrap.coap.host=127.0.0.1");
        command.add("-Ddmflow.bootstrap.coap.port=0");
        command.add("-Ddmflow.bootstrap.coaps.host=127.0.0.1");
        command.add("-Ddmflow.bootstrap.coaps.port=0");
        if (!systemProperties.containsKey(TestAdmin.PASSWORD_SETTING)) {
            // The admin tests sign in as; a test of the first start's generated password names the setting itself.
            command.add("-D" + TestAdmin.PASSWORD_SETTING + "=" + TestAdmin.PASSWORD);
        }
        if (!systemProperties.containsKey("dmflow.secrets.key") && !systemProperties.containsKey(SECRETS_KEY_FILE)) {
            // The test profile's key, so that no test writes a key file into the home folder.
            command.add("-Ddmflow.secrets.key=" + SECRETS_KEY);
        }
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(Path.of("target", "quarkus-app", "quarkus-run.jar")
                .toAbsolutePath()
                .toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("DMFLOW_"));
        builder.environment().putAll(environment);
        try {
            return new DmflowProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port free on loopback now, for a process whose devices must find it again at the same port. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public URI awaitHttp(Duration timeout) throws Exception {
        return await(httpUri, timeout);
    }

    public URI awaitCoap(Duration timeout) throws Exception {
        return await(coapUri, timeout);
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends SIGTERM, as a service manager or Ctrl-C does, and waits for the process to end. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("dmflow did not stop within " + timeout + " of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    /** Waits for a process that is expected to end by itself, e.g. because it refuses to start. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("dmflow still runs after " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String tail() {
        List<String> lines = output();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("dmflow did not report in time:\n" + tail(), e);
        }
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                complete(HTTP_LISTENING.matcher(line), httpUri);
                complete(COAP_LISTENING.matcher(line), coapUri);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
        httpUri.completeExceptionally(new AssertionError("dmflow exited before listening:\n" + tail()));
        coapUri.completeExceptionally(new AssertionError("dmflow exited before listening:\n" + tail()));
    }

    private static void complete(Matcher matcher, CompletableFuture<URI> uri) {
        if (matcher.find()) {
            uri.complete(URI.create(matcher.group(1)));
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
