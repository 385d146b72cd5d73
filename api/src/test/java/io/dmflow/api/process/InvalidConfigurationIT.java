package io.dmflow.api.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application started with a setting it cannot work with: it ends with a non-zero exit code and one
 * line that names the setting and what is wrong, not silently and not with a stack trace.
 */
class InvalidConfigurationIT {

    @Test
    void bothCoapPortsDisabledIsRefusedNamingBothSettings() throws Exception {
        List<String> output = output(Map.of("dmflow.lwm2m.coap.port", "-1", "dmflow.lwm2m.coaps.port", "-1"));
        assertThat(output).as("no stack trace").noneMatch(InvalidConfigurationIT::isStackFrame);
        assertThat(refusal(output))
                .isEqualTo("dmflow cannot start: dmflow.lwm2m.coap.port and dmflow.lwm2m.coaps.port "
                        + "are both disabled (negative); enable at least one, or set dmflow.lwm2m.enabled=false for a "
                        + "process that serves no devices");
    }

    @Test
    void jobWorkersWithoutTheLwm2mServerAreRefusedNamingBothSettings() throws Exception {
        List<String> output = output(Map.of("dmflow.lwm2m.enabled", "false"));
        assertThat(output).as("no stack trace").noneMatch(InvalidConfigurationIT::isStackFrame);
        assertThat(refusal(output))
                .isEqualTo("dmflow cannot start: dmflow.lwm2m.enabled=false leaves the job workers without devices, "
                        + "and every device step they took would fail here: set dmflow.workers.enabled=false too");
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingTheSetting() throws Exception {
        List<String> output = output(Map.of("dmflow.lwm2m.coap.port", "coap"));
        assertThat(output).as("no stack trace").noneMatch(InvalidConfigurationIT::isStackFrame);
        assertThat(refusal(output))
                .startsWith("dmflow cannot start: SRCFG00039: The config property "
                        + "dmflow.lwm2m.coap.port with the config value \"coap\"");
    }

    @Test
    void aCoapPortInUseIsRefusedNamingTheEndpointAndTheSettings() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // CoAPS off: with another endpoint up, Californium only logs a failed bind and carries on (an
            // adapter defect of its own). It logs the bind failure with its stack trace; dmflow adds its one line.
            String refusal = refusal(output(Map.of(
                    "dmflow.lwm2m.coap.port", String.valueOf(taken.getLocalPort()), "dmflow.lwm2m.coaps.port", "-1")));
            assertThat(refusal)
                    .startsWith("dmflow cannot start: the LwM2M server cannot listen on coap://127.0.0.1:"
                            + taken.getLocalPort() + ", set by dmflow.lwm2m.coap.host/port");
        }
    }

    /** Starts dmflow with {@code settings}, expects it to give up, and returns all it printed. */
    private static List<String> output(Map<String, String> settings) throws Exception {
        Map<String, String> properties = new HashMap<>(settings);
        Path dataDirectory = Files.createTempDirectory("dmflow-it-invalid");
        properties.put("dmflow.database.embedded.data-dir", dataDirectory.toString());
        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            // Well within a minute: a failed start once hung for 60 s in its own shutdown hook.
            int exit = dmflow.awaitExit(Duration.ofSeconds(45));
            assertThat(exit).as(dmflow.tail()).isNotZero();
            assertThat(EmbeddedDatabaseLifecycleIT.postgresProcessesOn(dataDirectory))
                    .as("the embedded PostgreSQL stops with the failed start")
                    .isEmpty();
            return dmflow.output();
        }
    }

    /** The one line dmflow leaves on its way out. */
    private static String refusal(List<String> output) {
        List<String> refusals = output.stream()
                .filter(line -> line.startsWith("dmflow cannot start: "))
                .toList();
        assertThat(refusals).as(String.join("\n", output)).hasSize(1);
        return refusals.get(0);
    }

    private static boolean isStackFrame(String line) {
        return line.startsWith("\tat ") || line.startsWith("Caused by: ");
    }
}
