package io.dmflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: headless Chromium, driven by playwright-core (from npm, installed by the console
 * module's build) through console/src/test/browser/console-walkthrough.mjs, against this dmflow and a simulated
 * device. The script raises an incident, sees it red on the diagram, edits a variable, retries from the page and sees
 * the flow complete; submits a firmware update whose package is uploaded only once its delivery raised an incident,
 * retries that from the page and sees the update complete (and this test sees the device run the new firmware);
 * cancels an instance and a group task; shows a compile error at its line; submits a template to the device and follows
 * the device's history into the flow's diagram; checks the pages at a phone's width and that the browser logged no
 * error. Screenshots of every page go to target/console-screenshots.
 * <p>
 * Skipped where no Chromium is installed ({@code DMFLOW_CHROMIUM} names another than /usr/bin/chromium), where Node
 * is missing, or where the console module was not built in this tree.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ConsoleBrowserTest {

    private static final Duration WALKTHROUGH_TIMEOUT = Duration.ofMinutes(6);

    /** How often the device's temperature changes: the walkthrough watches an observation of it bring values. */
    private static final Duration SENSOR_PERIOD = Duration.ofMillis(500);

    /** The device's firmware before the walkthrough updates it, and that of the package it uploads. */
    private static final String OLD_FIRMWARE = "1.0.0";

    private static final String NEW_FIRMWARE = "2.0.0";

    /** One of each page of the console, as the walkthrough leaves them. */
    private static final List<String> SCREENSHOTS = List.of(
            "login.png",
            "devices.png",
            "device.png",
            "device-instance.png",
            "tasks.png",
            "task.png",
            "execution.png",
            "templates.png",
            "template.png",
            "template-error.png",
            "process.png",
            "flows.png",
            "instances.png",
            "instance-incident.png",
            "instance-live.png",
            "instance-completed.png",
            "firmware-task.png",
            "firmware-incident.png",
            "firmware-completed.png",
            "firmware-execution.png",
            "instance-cancelled.png",
            "group-task.png",
            "task-cancelled.png",
            "viewer-instance.png",
            "retrying.png",
            "keyboard-retry-dialog.png",
            "phone-devices.png",
            "phone-tasks.png",
            "phone-flows.png");

    @Inject
    DeviceManagementServer server;

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOperatorRepairsAFlowAndFollowsADevicesHistoryInTheBrowser() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("DMFLOW_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (set DMFLOW_CHROMIUM)");
        assumeTrue(onPath("node"), "no node on the PATH");
        Path npm = Path.of("..", "console", "target", "npm").toAbsolutePath().normalize();
        Path script = npm.resolve("console-walkthrough.mjs");
        assumeTrue(
                Files.isRegularFile(script) && Files.isDirectory(npm.resolve("node_modules/playwright-core")),
                "the console module is not built in " + npm);

        String endpoint = "console-browser-" + UUID.randomUUID().toString().substring(0, 8);
        Path screenshots = Path.of("target", "console-screenshots").toAbsolutePath();
        // those of an earlier run must not stand in for screenshots this one failed to take
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> earlier = Files.list(screenshots)) {
                for (Path file : earlier.toList()) {
                    Files.delete(file);
                }
            }
        }
        Path output = Files.createTempFile("console-walkthrough", ".log");
        // a few blocks: pushed block-wise, and quickly
        Path image = Files.write(
                Files.createTempFile("console-walkthrough", ".fw"),
                PackageFormat.build("dmflow-fw", NEW_FIRMWARE, 3000));
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .sensorPeriod(SENSOR_PERIOD)
                .firmwareVersion(OLD_FIRMWARE)
                // back from the firmware update's reboot at once, not after the default 30 s
                .registrationRetry(Duration.ofSeconds(1))
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, Duration.ofSeconds(30))).isTrue();
            TaskApi.awaitDeviceState(endpoint, "online");
            Process node = new ProcessBuilder(
                            "node",
                            script.toString(),
                            base.toString().replaceAll("/$", ""),
                            TestAdmin.USER,
                            TestAdmin.PASSWORD,
                            endpoint,
                            screenshots.toString(),
                            image.toString())
                    .directory(npm.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = node.waitFor(WALKTHROUGH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(log);
            assertThat(ended)
                    .as("the walkthrough ended within %s:%n%s", WALKTHROUGH_TIMEOUT, log)
                    .isTrue();
            assertThat(node.exitValue()).as("failed steps:%n%s", log).isZero();
            assertThat(log)
                    .contains("ok   the page sees the flow complete without reloading")
                    .contains(
                            "ok   with the package uploaded, the incident is retried from the page and the update completes")
                    .contains("ok   the counts on the diagram's elements are the engine's")
                    .contains("ok   an instance is cancelled from the page")
                    .contains("ok   the template is submitted to a group from the form")
                    .contains("ok   the group task is cancelled from its page only once confirmed")
                    .contains("ok   the instances list and the diagram follow a flow as it runs, without reloading")
                    .contains("ok   updates pause while the tab is hidden")
                    .contains("ok   updates slow down while dmflow fails")
                    .contains("ok   the instances are filtered by device, by task and by start time")
                    .contains("ok   a path is observed from the device's page")
                    .contains("ok   a viewer is named with the role dmflow gives, and offered no repair")
                    .contains("ok   the pages are walked with the keyboard alone")
                    .contains("ok   the device's history opens the flow instance it ran")
                    .contains("ok   no console errors")
                    .doesNotContain("FAIL");
            assertThat(fleet.device().deviceObject().firmwareVersion()).isEqualTo(NEW_FIRMWARE);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(image);
        }
        for (String screenshot : SCREENSHOTS) {
            assertThat(screenshots.resolve(screenshot)).isRegularFile();
        }
    }

    private static boolean onPath(String command) throws InterruptedException {
        try {
            return new ProcessBuilder(command, "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
