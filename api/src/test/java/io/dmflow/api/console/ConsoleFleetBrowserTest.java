package io.dmflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dmflow.api.testing.BrowserTools;
import io.dmflow.api.testing.TestAdmin;
import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The console's device list stays responsive on a fleet of 10,000 devices: the list is paged by dmflow, so the
 * browser receives and draws one page at a time (console/src/test/browser/console-fleet.mjs). The devices are
 * recorded straight in PostgreSQL, as 10,000 simulated clients would cost the test minutes and prove nothing more
 * about the page.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ConsoleFleetBrowserTest {

    private static final int DEVICES = 10_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDeviceListOfTenThousandDevicesPagesWithinTwoSeconds() throws Exception {
        BrowserTools.chromium();
        Path npm = BrowserTools.NPM;
        Path script = npm.resolve("console-fleet.mjs");
        assumeTrue(Files.isRegularFile(script), "the console module is not built in " + npm);

        String prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        recordDevices(prefix);
        Path output = Files.createTempFile("console-fleet", ".log");
        try {
            Process node = new ProcessBuilder(
                            "node",
                            script.toString(),
                            base.toString().replaceAll("/$", ""),
                            TestAdmin.USER,
                            TestAdmin.PASSWORD,
                            prefix,
                            Integer.toString(DEVICES),
                            Path.of("target", "console-screenshots")
                                    .toAbsolutePath()
                                    .toString())
                    .directory(npm.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(log);
            assertThat(ended)
                    .as("the fleet walk ended within %s:%n%s", TIMEOUT, log)
                    .isTrue();
            assertThat(node.exitValue()).as("failed steps:%n%s", log).isZero();
            assertThat(log)
                    .contains("ok   the first page of " + DEVICES + " devices")
                    .contains("ok   the next page")
                    .contains("ok   the previous page again")
                    .contains("ok   no console errors")
                    .doesNotContain("FAIL");
        } finally {
            Files.deleteIfExists(output);
            forgetDevices(prefix);
        }
    }

    /** The other tests of this application share its database: the fleet goes when this test is done. */
    private void forgetDevices(String prefix) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM dmflow.device WHERE endpoint LIKE ?")) {
            delete.setString(1, prefix + "%");
            delete.executeUpdate();
        }
    }

    private void recordDevices(String prefix) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO dmflow.device (endpoint, lwm2m_version, binding, state, first_registered_at,
                    last_registered_at, last_contact_at)
                SELECT ? || lpad(n::text, 5, '0'), '1.1', 'U', 'OFFLINE', now(), now(), now()
                FROM generate_series(1, ?) AS n""")) {
            insert.setString(1, prefix);
            insert.setInt(2, DEVICES);
            assertThat(insert.executeUpdate()).isEqualTo(DEVICES);
        }
    }
}
